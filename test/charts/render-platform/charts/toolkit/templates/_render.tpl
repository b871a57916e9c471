{{/* toolkit.render: renders a value that may hold templates, given as a string or a structure. */}}
{{- define "toolkit.render" -}}
{{- $text := ternary .value (.value | toYaml) (typeIs "string" .value) -}}
{{- if contains "{{" $text -}}
{{- tpl $text .context -}}
{{- else -}}
{{- $text -}}
{{- end -}}
{{- end -}}

{{- define "toolkit.image" -}}
{{- $registry := .image.registry | default (.global.imageRegistry | default "docker.io") -}}
{{- $tag := .image.tag | default .appVersion | toString -}}
{{- if .image.digest -}}
{{ printf "%s/%s@%s" $registry .image.repository .image.digest }}
{{- else -}}
{{ printf "%s/%s:%s" $registry .image.repository $tag }}
{{- end -}}
{{- end -}}

{{- define "toolkit.resources" -}}
{{- $presets := dict
  "small" (dict "requests" (dict "cpu" "100m" "memory" "128Mi") "limits" (dict "memory" "256Mi"))
  "large" (dict "requests" (dict "cpu" "1" "memory" "2Gi") "limits" (dict "memory" "4Gi")) -}}
{{- if .resources -}}
{{ toYaml .resources }}
{{- else -}}
{{ index $presets (.preset | default "small") | toYaml }}
{{- end -}}
{{- end -}}
