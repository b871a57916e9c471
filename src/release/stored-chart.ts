// The chart as a release record stores it (Helm's chart.Chart JSON): Chart.yaml metadata with
// Go's omitempty rules and field order, templates and files base64-encoded with a modtime,
// the chart's own values and schema. Subcharts are not stored, as in Helm.
import type { Chart, ChartDependency, ChartMetadata } from '../chart/types.ts';
import { isEmptyValue } from '../codec/go-json.ts';
import type { StoredChart } from '../storage/record.ts';

const zeroTime = '0001-01-01T00:00:00Z';

/** Copies the listed fields in order, leaving out empty ones (Go's `omitempty`). */
function omitEmpty<T extends object>(source: T, fields: Array<[keyof T, string]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, jsonName] of fields) if (!isEmptyValue(source[field])) out[jsonName] = source[field];
  return out;
}

function storedDependency(d: ChartDependency): Record<string, unknown> {
  return omitEmpty(d, [['name', 'name'], ['version', 'version'], ['repository', 'repository'], ['condition', 'condition'],
    ['tags', 'tags'], ['enabled', 'enabled'], ['importValues', 'import-values'], ['alias', 'alias']]);
}

export function storedMetadata(m: ChartMetadata): Record<string, unknown> {
  const meta = omitEmpty(m, [['name', 'name'], ['home', 'home'], ['sources', 'sources'], ['version', 'version'],
    ['description', 'description'], ['keywords', 'keywords'], ['maintainers', 'maintainers'], ['icon', 'icon'],
    ['apiVersion', 'apiVersion'], ['condition', 'condition'], ['tags', 'tags'], ['appVersion', 'appVersion'],
    ['deprecated', 'deprecated'], ['annotations', 'annotations'], ['kubeVersion', 'kubeVersion']]);
  if (m.dependencies.length > 0) meta.dependencies = m.dependencies.map(storedDependency);
  if (m.type) meta.type = m.type;
  return meta;
}

export function toStoredChart(chart: Chart, modtime: string): StoredChart {
  const file = (f: { name: string; data: Uint8Array }) => ({ name: f.name, data: Buffer.from(f.data).toString('base64'), modtime });
  return {
    metadata: storedMetadata(chart.metadata),
    lock: chart.lock ?? null,
    templates: chart.templates.map(file),
    values: chart.values,
    schema: chart.schema ? Buffer.from(chart.schema).toString('base64') : null,
    schemamodtime: chart.schema ? modtime : zeroTime,
    files: chart.files.length > 0 ? chart.files.map(file) : null,
    modtime,
  };
}
