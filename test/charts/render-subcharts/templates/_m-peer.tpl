{{- define "peer.empty" -}}non-empty body from _m-peer.tpl{{- end }}
