{{- define "common.banner" -}}
db banner (overridden by the parent)
{{- end }}
{{- define "db.only" -}}
db helper for {{ .Chart.Name }}
{{- end }}
