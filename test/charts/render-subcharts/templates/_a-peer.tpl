{{- define "peer.pick" -}}from _a-peer.tpl{{- end }}
