{{- define "peer.pick" -}}from _z-peer.tpl{{- end }}
{{- define "peer.empty" }}{{ end }}
