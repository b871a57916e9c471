//go:build tools

// Pins the registry command this module builds, so `go mod tidy` keeps it.
package registry

import (
	_ "github.com/distribution/distribution/v3/cmd/registry"
)
