// Reads a JSON array of YAML documents on stdin and writes, for each, the error that
// sigs.k8s.io/yaml (go-yaml v2, as helm reads values and manifests) and go-yaml v3 (as
// kustomize's kyaml reads post-rendered manifests) give for it, or null when it parses.
package main

import (
	"encoding/json"
	"os"

	yamlv3 "go.yaml.in/yaml/v3"
	"sigs.k8s.io/yaml"
)

type verdict struct {
	V2 *string `json:"v2"`
	V3 *string `json:"v3"`
}

func message(err error) *string {
	if err == nil {
		return nil
	}
	text := err.Error()
	return &text
}

func main() {
	var docs []string
	if err := json.NewDecoder(os.Stdin).Decode(&docs); err != nil {
		os.Stderr.WriteString("yaml-oracle: stdin is not a JSON array of strings: " + err.Error() + "\n")
		os.Exit(2)
	}
	out := make([]verdict, len(docs))
	for i, doc := range docs {
		var v2 interface{}
		out[i].V2 = message(yaml.Unmarshal([]byte(doc), &v2))
		var v3 yamlv3.Node
		out[i].V3 = message(yamlv3.Unmarshal([]byte(doc), &v3))
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		os.Exit(1)
	}
}
