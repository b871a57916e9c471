// The read-only views of releases (history, list, get metadata) as Helm prints them, in table,
// JSON and YAML form.
import { formatStructured, type OutputFormat } from './structured-output.ts';
import type { Release } from '../release/record.ts';
import { formatAnsic } from './status-printer.ts';
import { formatTable } from './table.ts';
import { colorHeader, colorNamespace, colorStatus } from './color.ts';
import { parseTime } from '../funcs/gotime-parse.ts';
import { formatTime, timeString } from '../funcs/gotime.ts';

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
