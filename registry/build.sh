#!/usr/bin/env bash
# Builds the OCI distribution registry (github.com/distribution/distribution/v3, cmd/registry)
# from the Go module proxy into a cache keyed by version, and prints the binary's path. A
# second run with the binary present does nothing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
version=$(awk '$1=="require" && $2=="github.com/distribution/distribution/v3" {print $3; exit} $1=="github.com/distribution/distribution/v3" {print $2; exit}' "$here/go.mod")
[ -n "$version" ] || { echo "build.sh: no 'require github.com/distribution/distribution/v3' line in $here/go.mod" >&2; exit 1; }
cache_root=${HOOKLINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hookline}
bin_dir="$cache_root/registry/$version"
binary="$bin_dir/registry"
if [ -x "$binary" ]; then echo "$binary"; exit 0; fi

# Test files starting at once must not build into the same directory: the second waits for
# the first and then finds the binary.
mkdir -p "$bin_dir"
if command -v flock >/dev/null; then
  exec 9>"$bin_dir.lock"
  flock 9
  if [ -x "$binary" ]; then echo "$binary"; exit 0; fi
fi

command -v go >/dev/null || { echo "build.sh: the Go toolchain (go) is not on PATH; install Go 1.26 or newer to build the test registry" >&2; exit 1; }
cd "$here"
export CGO_ENABLED=0
echo "build.sh: building the distribution registry $version into $bin_dir (first time takes a few minutes)" >&2
tmp="$binary.partial"
go build -trimpath -ldflags "-s -w -X github.com/distribution/distribution/v3/version.version=$version" -o "$tmp" github.com/distribution/distribution/v3/cmd/registry
mv "$tmp" "$binary"
echo "$binary"
