// The chart as a release record stores it (Helm's chart.Chart JSON): Chart.yaml metadata with
// Go's omitempty rules and field order, templates and files base64-encoded with a modtime,
// the chart's own values and schema. Subcharts are not stored, as in Helm.
import { encodeLock, encodeMetadata } from '../chart/metadata-json.ts';
import type { Chart } from '../chart/types.ts';
import type { StoredChart } from './record.ts';

const zeroTime = '0001-01-01T00:00:00Z';

export function toStoredChart(chart: Chart, modtime: string): StoredChart {
  const file = (f: { name: string; data: Uint8Array }) => ({ name: f.name, data: Buffer.from(f.data).toString('base64'), modtime });
  return {
    metadata: encodeMetadata(chart.metadata),
    lock: chart.lock ? encodeLock(chart.lock) : null,
    templates: chart.templates.map(file),
    // A chart without values.yaml has nil values in helm (stored and printed as null).
    values: Object.keys(chart.values).length === 0 && !chart.raw.some((f) => f.name === 'values.yaml') ? null : chart.values,
    schema: chart.schema ? Buffer.from(chart.schema).toString('base64') : null,
    schemamodtime: chart.schema ? modtime : zeroTime,
    files: chart.files.length > 0 ? chart.files.map(file) : null,
    modtime,
  };
}
