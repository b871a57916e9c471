// Generates a large chart for the render benchmark: many templates sharing helpers, deep
// values, ranges, toYaml and tpl, so the output runs to megabytes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const helpers = `{{- define "big.name" -}}{{ .Release.Name }}-{{ .Chart.Name }}{{- end }}
{{- define "big.labels" -}}
app: {{ include "big.name" . }}
chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- range $k, $v := .Values.labels }}
{{ $k }}: {{ $v | quote }}
{{- end }}
{{- end }}
`;

function template(index: number): string {
  return `{{- range $i, $svc := .Values.services }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "big.name" $ }}-t${index}-{{ $svc.name }}
  labels:
    {{- include "big.labels" $ | nindent 4 }}
data:
  index: "{{ $i }}"
  upper: {{ $svc.name | upper | quote }}
  url: {{ tpl $.Values.urlTemplate (dict "svc" $svc "Release" $.Release) | quote }}
  settings.yaml: |
    {{- toYaml $svc.settings | nindent 4 }}
  checksum: {{ toJson $svc | sha256sum }}
{{- end }}
`;
}

/** Writes the chart under `dir` and returns its path. */
export function writeLargeChart(dir: string, templates: number, services: number): string {
  const chart = join(dir, 'large');
  mkdirSync(join(chart, 'templates'), { recursive: true });
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: large\nversion: 1.0.0\n');
  const values = {
    labels: Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`label-${i}`, `value-${i}`])),
    urlTemplate: 'https://{{ .svc.name }}.{{ .Release.Namespace }}.svc:{{ .svc.port }}',
    services: Array.from({ length: services }, (_, i) => ({
      name: `svc-${i}`,
      port: 8000 + i,
      settings: { replicas: i % 5, ratio: i / 7, tags: [`a${i}`, `b${i}`], nested: { enabled: i % 2 === 0, limits: { cpu: `${i}m`, memory: `${i * 16}Mi` } } },
    })),
  };
  writeFileSync(join(chart, 'values.yaml'), JSON.stringify(values, null, 1));
  writeFileSync(join(chart, 'templates', '_helpers.tpl'), helpers);
  for (let i = 0; i < templates; i++) writeFileSync(join(chart, 'templates', `t${String(i).padStart(3, '0')}.yaml`), template(i));
  return chart;
}
