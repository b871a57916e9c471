// etcd built from the same module graph as the Kubernetes control plane, so one
// `go build` run and one cache serve the whole local cluster.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
