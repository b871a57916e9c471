{{- define "files.fullname" -}}
{{- if .Values.fullnameOverride }}{{ .Values.fullnameOverride }}{{ else }}{{ .Release.Name }}-{{ .Chart.Name }}{{ end }}
{{- end }}
{{- define "files.level3" -}}
level3({{ . }})
{{- end }}
{{- define "files.level2" -}}
level2[{{ include "files.level3" (printf "%s!" .) }}]
{{- end }}
{{- define "files.level1" -}}
{{ include "files.level2" (upper .) | quote }}
{{- end }}
