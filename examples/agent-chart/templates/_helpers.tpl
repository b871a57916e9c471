{{/* Objects are named after the release, so release "my-app" has Job "my-app-db-init" as in the lesson. */}}
{{- define "my-agent-chart.fullname" -}}
{{- default .Release.Name .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "my-agent-chart.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
release: {{ .Release.Name }}
{{- end -}}

{{/* Where hooks and tests reach the API. */}}
{{- define "my-agent-chart.apiURL" -}}
http://{{ default (include "my-agent-chart.fullname" .) .Values.service.host }}:{{ .Values.app.port }}
{{- end -}}

{{/* PostgreSQL connection for hook containers, password from the Secret. */}}
{{- define "my-agent-chart.pgEnv" -}}
- name: PGHOST
  value: {{ .Values.postgres.host | quote }}
- name: PGPORT
  value: {{ .Values.postgres.port | quote }}
- name: PGUSER
  value: {{ .Values.postgres.user | quote }}
- name: PGDATABASE
  value: {{ .Values.postgres.database | quote }}
- name: PGPASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.postgres.secretName }}
      key: password
{{- end -}}
