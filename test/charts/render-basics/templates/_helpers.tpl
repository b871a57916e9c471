{{/* Names and labels shared by the templates. */}}
{{- define "basics.name" -}}
{{ .Release.Name }}-{{ .Values.name | default .Chart.Name | trunc 40 | trimSuffix "-" }}
{{- end }}

{{- define "basics.labels" -}}
app.kubernetes.io/name: {{ include "basics.name" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end }}

{{- define "basics.block-default" -}}
default block body
{{- end }}
