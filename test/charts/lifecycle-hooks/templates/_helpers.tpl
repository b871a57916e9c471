{{/* The shell command of a hook: exits 1 when the hook is named in .Values.failHooks. */}}
{{- define "hook.command" -}}
{{- $failing := splitList " " .root.Values.failHooks -}}
- sh
- -c
- {{ if has .name $failing }}echo {{ .name }} fails; exit 1{{ else }}echo {{ .name }} runs{{ end }}
{{- end }}
