// The read-only views of releases (history, list, get metadata) as Helm prints them, in table,
// JSON and YAML form.
import { compareUtf8, GoStruct } from '../codec/go-json.ts';
import { formatGoValue, formatStructured, type OutputFormat } from './structured-output.ts';
import type { Release } from '../storage/record.ts';
import { dependencyStruct } from '../storage/record-layout.ts';
import { formatAnsic } from './status-printer.ts';
import { formatTable } from './table.ts';
import { colorHeader, colorNamespace, colorStatus } from './color.ts';
import { parseTime } from '../gotime/parse.ts';
import { formatTime, timeString } from '../gotime/format.ts';

export type { OutputFormat };

function chartName(r: Release): string {
  const meta = r.chart?.metadata as { name?: string; version?: string } | undefined;
  return meta ? `${meta.name ?? ''}-${meta.version ?? ''}` : 'MISSING';
}

function appVersion(r: Release): string {
  return String((r.chart?.metadata as { appVersion?: string } | undefined)?.appVersion ?? '');
}

export function formatHistory(history: Release[], format: OutputFormat): string {
  const rows = history.map((r) => ({
    revision: r.version, updated: r.info.last_deployed ?? '', status: r.info.status ?? '',
    chart: chartName(r), app_version: appVersion(r), description: r.info.description ?? '',
  }));
  return formatStructured(format, rows, () => formatTable([
    ['REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION', 'DESCRIPTION'],
    ...rows.map((r) => [String(r.revision), formatAnsic(r.updated), r.status, r.chart, r.app_version, r.description]),
  ]));
}

/** helm list's UPDATED: Go's Time.String(), or the --time-format layout; "-" when unset. */
function updatedText(rfc3339: string | undefined, timeFormat: string | undefined): string {
  if (!rfc3339) return '-';
  const time = parseTime('2006-01-02T15:04:05Z07:00', rfc3339, 'Local');
  return timeFormat ? formatTime(time, timeFormat) : timeString(time);
}

export interface ListFormat {
  short?: boolean;      // -q: names only
  noHeaders?: boolean;  // --no-headers
  timeFormat?: string;  // --time-format
}

export function formatList(releases: Release[], format: OutputFormat, options: ListFormat = {}): string {
  if (options.short) {
    const names = releases.map((r) => r.name);
    return formatStructured(format, names, () => names.map((n) => `${n}\n`).join(''));
  }
  const rows = releases.map((r) => ({
    name: r.name, namespace: r.namespace, revision: String(r.version), updated: updatedText(r.info.last_deployed, options.timeFormat),
    status: r.info.status ?? '', chart: chartName(r), app_version: appVersion(r),
  }));
  const header = options.noHeaders ? [] : [['NAME', 'NAMESPACE', 'REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION'].map(colorHeader)];
  return formatStructured(format, rows, () => formatTable([
    ...header,
    ...rows.map((r) => [r.name, colorNamespace(r.namespace), r.revision, r.updated, colorStatus(r.status), r.chart, r.app_version]),
  ]));
}

/** k8s.io/apimachinery labels.Set.String(): "k=v" pairs sorted by key, comma-separated. */
function labelsText(labels: Record<string, string> | undefined): string {
  return Object.keys(labels ?? {}).sort(compareUtf8).map((k) => `${k}=${labels![k]}`).join(',');
}

function applyMethodText(method: string): string {
  if (method === '') return 'client-side apply (defaulted)';
  if (method === 'csa') return 'client-side apply';
  if (method === 'ssa') return 'server-side apply';
  return `unknown (${JSON.stringify(method)})`;
}

/** `get metadata`: Helm's action.Metadata; deployedAt is time.RFC3339, in whole seconds. */
export function formatMetadata(r: Release, format: OutputFormat): string {
  const meta = (r.chart?.metadata ?? {}) as { name?: string; version?: string; appVersion?: string; annotations?: Record<string, string>; dependencies?: Array<{ name?: string }> };
  const deployedAt = (r.info.last_deployed || '0001-01-01T00:00:00Z').replace(/\.\d+/, '');
  const dependencies = meta.dependencies ?? [];
  const data = new GoStruct([
    ['name', r.name], ['chart', meta.name ?? ''], ['version', meta.version ?? ''], ['appVersion', meta.appVersion ?? ''],
    ['annotations', meta.annotations, 'omitempty'], ['labels', r.labels, 'omitempty'],
    ['dependencies', dependencies.map(dependencyStruct), 'omitempty'], ['namespace', r.namespace], ['revision', r.version],
    ['status', r.info.status ?? ''], ['deployedAt', deployedAt], ['applyMethod', r.apply_method, 'omitempty'],
  ]);
  return formatGoValue(format, data) ?? [
    `NAME: ${r.name}`, `CHART: ${meta.name ?? ''}`, `VERSION: ${meta.version ?? ''}`, `APP_VERSION: ${meta.appVersion ?? ''}`,
    `ANNOTATIONS: ${labelsText(meta.annotations)}`, `LABELS: ${labelsText(r.labels)}`,
    `DEPENDENCIES: ${dependencies.map((d) => d.name ?? '').sort(compareUtf8).join(',')}`,
    `NAMESPACE: ${r.namespace}`, `REVISION: ${r.version}`, `STATUS: ${r.info.status ?? ''}`, `DEPLOYED_AT: ${deployedAt}`,
    `APPLY_METHOD: ${applyMethodText(r.apply_method ?? '')}`, '',
  ].join('\n');
}
