{{- define "common.banner" -}}
parent banner for {{ .Chart.Name }}
{{- end }}
