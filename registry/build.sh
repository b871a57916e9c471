#!/usr/bin/env bash
# Builds the OCI distribution registry (github.com/distribution/distribution/v3, cmd/registry)
# from the Go module proxy into a cache keyed by version, and prints the binary's path. A
# second run with the binary present does nothing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
version=$(awk '$1=="require" && $2=="github.com/distribution/distribution/v3" {print $3; exit} $1=="github.com/distribution/distribution/v3" {print $2; exit}' "$here/go.mod")
[ -n "$version" ] || { echo "build.sh: no 'require github.com/distribution/distribution/v3' line in $here/go.mod" >&2; exit 1; }
source "$here/../scripts/go-build-cached.sh"
cd "$here"
go_build_cached registry "$version" "the distribution registry $version (first time takes a few minutes)" \
  -ldflags "-s -w -X github.com/distribution/distribution/v3/version.version=$version" github.com/distribution/distribution/v3/cmd/registry
