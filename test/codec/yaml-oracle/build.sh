#!/usr/bin/env bash
# Builds the YAML error oracle (main.go: sigs.k8s.io/yaml and go-yaml v3 at helm 4.1.4's
# versions) from the Go module proxy into a cache keyed by the sources' hash, and prints the
# binary's path. A second run with the binary present does nothing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
version=$(cat "$here/main.go" "$here/go.mod" "$here/go.sum" | sha256sum | cut -c1-16)
cache_root=${HOOKLINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hookline}
bin_dir="$cache_root/yaml-oracle/$version"
binary="$bin_dir/yaml-oracle"
if [ -x "$binary" ]; then echo "$binary"; exit 0; fi

# Test files starting at once must not build into the same directory.
mkdir -p "$bin_dir"
if command -v flock >/dev/null; then
  exec 9>"$bin_dir.lock"
  flock 9
  if [ -x "$binary" ]; then echo "$binary"; exit 0; fi
fi

command -v go >/dev/null || { echo "build.sh: the Go toolchain (go) is not on PATH; install Go 1.26 or newer to build the YAML oracle" >&2; exit 1; }
cd "$here"
export CGO_ENABLED=0
echo "build.sh: building the YAML error oracle into $bin_dir" >&2
tmp="$binary.partial"
go build -trimpath -ldflags "-s -w" -o "$tmp" .
mv "$tmp" "$binary"
echo "$binary"
