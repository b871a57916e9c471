// The read-only views of releases (history, list, get metadata) as Helm prints them, in table,
// JSON and YAML form.
import { stringify as toYamlText } from 'yaml';
import { goJson } from '../codec/go-json.ts';
import type { Release } from '../release/record.ts';
import { formatAnsic } from './status-printer.ts';
import { formatTable } from './table.ts';

export type OutputFormat = 'table' | 'json' | 'yaml';

function chartName(r: Release): string {
  const meta = r.chart?.metadata as { name?: string; version?: string } | undefined;
  return meta ? `${meta.name ?? ''}-${meta.version ?? ''}` : 'MISSING';
}

function appVersion(r: Release): string {
  return String((r.chart?.metadata as { appVersion?: string } | undefined)?.appVersion ?? '');
}

function render(format: OutputFormat, data: unknown, table: () => string): string {
  if (format === 'json') return goJson(data) + '\n';
  if (format === 'yaml') return toYamlText(data);
  return table();
}

export function formatHistory(history: Release[], format: OutputFormat): string {
  const rows = history.map((r) => ({
    revision: r.version, updated: r.info.last_deployed ?? '', status: r.info.status ?? '',
    chart: chartName(r), app_version: appVersion(r), description: r.info.description ?? '',
  }));
  return render(format, rows, () => formatTable([
    ['REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION', 'DESCRIPTION'],
    ...rows.map((r) => [String(r.revision), formatAnsic(r.updated), r.status, r.chart, r.app_version, r.description]),
  ]));
}

/** Go's time.Time String() in UTC: "2006-01-02 15:04:05.999999999 +0000 UTC". */
function goTimeString(rfc3339: string | undefined): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?Z$/.exec(rfc3339 ?? '');
  return m ? `${m[1]} ${m[2]}${m[3] ?? ''} +0000 UTC` : (rfc3339 ?? '');
}

export function formatList(releases: Release[], format: OutputFormat, short: boolean): string {
  if (short && format === 'table') return releases.map((r) => r.name).join('\n') + (releases.length ? '\n' : '');
  const rows = releases.map((r) => ({
    name: r.name, namespace: r.namespace, revision: String(r.version), updated: goTimeString(r.info.last_deployed),
    status: r.info.status ?? '', chart: chartName(r), app_version: appVersion(r),
  }));
  return render(format, rows, () => formatTable([
    ['NAME', 'NAMESPACE', 'REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION'],
    ...rows.map((r) => [r.name, r.namespace, r.revision, r.updated, r.status, r.chart, r.app_version]),
  ]));
}
