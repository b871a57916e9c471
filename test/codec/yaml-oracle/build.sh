#!/usr/bin/env bash
# Builds the YAML error oracle (main.go: sigs.k8s.io/yaml and go-yaml v3 at helm 4.1.4's
# versions) from the Go module proxy into a cache keyed by the sources' hash, and prints the
# binary's path. A second run with the binary present does nothing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
version=$(cat "$here/main.go" "$here/go.mod" "$here/go.sum" | sha256sum | cut -c1-16)
source "$here/../../../scripts/go-build-cached.sh"
cd "$here"
go_build_cached yaml-oracle "$version" "the YAML error oracle" -ldflags "-s -w" .
