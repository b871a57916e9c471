# Sourced by the build scripts of the Go programs the tests run (registry/, the YAML oracle):
# builds one binary from the Go module proxy into a cache keyed by version, once; test files
# starting at once wait for the first build instead of racing it.
#
#   go_build_cached NAME VERSION WHAT [go build arguments...]
#
# prints the binary's path ($cache/NAME/VERSION/NAME); run it in the Go module's directory.
go_build_cached() {
  local name=$1 version=$2 what=$3
  shift 3
  local cache_root=${HOOKLINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hookline}
  local bin_dir="$cache_root/$name/$version"
  local binary="$bin_dir/$name"
  if [ -x "$binary" ]; then echo "$binary"; return 0; fi
  mkdir -p "$bin_dir"
  if command -v flock >/dev/null; then
    exec 9>"$bin_dir.lock"
    flock 9
    if [ -x "$binary" ]; then echo "$binary"; return 0; fi
  fi
  command -v go >/dev/null || { echo "build.sh: the Go toolchain (go) is not on PATH; install Go 1.26 or newer to build $what" >&2; return 1; }
  echo "build.sh: building $what into $bin_dir" >&2
  CGO_ENABLED=0 go build -trimpath -o "$binary.partial" "$@"
  mv "$binary.partial" "$binary"
  echo "$binary"
}
