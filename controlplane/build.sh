#!/usr/bin/env bash
# Builds etcd, kube-apiserver and kube-controller-manager from the Go module proxy into a
# cache keyed by version, and prints the bin directory. A second run with the binaries
# present does nothing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
k8s_version=$(awk '$1=="k8s.io/kubernetes" && $2 ~ /^v1\./ {print $2; exit} $1=="require" && $2=="k8s.io/kubernetes" {print $3; exit}' "$here/go.mod")
[ -n "$k8s_version" ] || { echo "build.sh: no 'require k8s.io/kubernetes' line in $here/go.mod" >&2; exit 1; }
cache_root=${HOOKLINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hookline}
bin_dir="$cache_root/controlplane/$k8s_version/bin"
binaries=(etcd kube-apiserver kube-controller-manager)

all_present() {
  for b in "${binaries[@]}"; do [ -x "$bin_dir/$b" ] || return 1; done
}
if all_present; then echo "$bin_dir"; exit 0; fi

# Two clusters starting at once (parallel tests) must not build into the same directory:
# the second waits for the first and then finds the binaries.
mkdir -p "$(dirname "$bin_dir")"
if command -v flock >/dev/null; then
  exec 9>"$bin_dir.lock"
  flock 9
  if all_present; then echo "$bin_dir"; exit 0; fi
fi

command -v go >/dev/null || { echo "build.sh: the Go toolchain (go) is not on PATH; install Go 1.25 or newer to build the local control plane" >&2; exit 1; }
mkdir -p "$bin_dir"
minor=${k8s_version#v1.}; minor=${minor%%.*}
ldflags="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags+=" -X $pkg.gitVersion=$k8s_version -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
  ldflags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
done
cd "$here"
export CGO_ENABLED=0
echo "build.sh: building Kubernetes $k8s_version control plane into $bin_dir (first time takes tens of minutes)" >&2
tmp="$bin_dir.partial"; rm -rf "$tmp"; mkdir -p "$tmp"
go build -trimpath -tags selinux,notest -ldflags "$ldflags" -o "$tmp/" \
  k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager ./etcd
mv "$tmp"/* "$bin_dir/"; rmdir "$tmp"
echo "$bin_dir"
