{{- /*
Named templates of the <CHARTNAME> chart. Kubernetes object names and label values may
have at most 63 characters, so every name below is cut there (without a trailing "-").
*/ -}}

{{- /* The chart's name, or nameOverride. */ -}}
{{- define "<CHARTNAME>.name" -}}
{{- .Values.nameOverride | default .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- /*
The name of the chart's objects: fullnameOverride if set; otherwise RELEASE-NAME, or just
RELEASE when the release name already contains the chart's name.
*/ -}}
{{- define "<CHARTNAME>.fullname" -}}
{{- $full := .Values.fullnameOverride }}
{{- if not $full }}
{{- $chartName := .Values.nameOverride | default .Chart.Name }}
{{- $full = .Release.Name }}
{{- if not (contains $chartName .Release.Name) }}
{{- $full = printf "%s-%s" .Release.Name $chartName }}
{{- end }}
{{- end }}
{{- $full | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- /* NAME-VERSION for the helm.sh/chart label ("+" is not allowed in label values). */ -}}
{{- define "<CHARTNAME>.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- /* The labels every object carries. */ -}}
{{- define "<CHARTNAME>.labels" -}}
helm.sh/chart: {{ include "<CHARTNAME>.chart" . }}
{{ include "<CHARTNAME>.selectorLabels" . }}
{{- with .Chart.AppVersion }}
app.kubernetes.io/version: {{ quote . }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- /* The labels that pick this release's pods; they must never change between upgrades. */ -}}
{{- define "<CHARTNAME>.selectorLabels" -}}
app.kubernetes.io/name: {{ include "<CHARTNAME>.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- /* The ServiceAccount the pods use: serviceAccount.name, else the chart's own or "default". */ -}}
{{- define "<CHARTNAME>.serviceAccountName" -}}
{{- $fallback := "default" }}
{{- if .Values.serviceAccount.create }}
{{- $fallback = include "<CHARTNAME>.fullname" . }}
{{- end }}
{{- .Values.serviceAccount.name | default $fallback }}
{{- end }}
