// The CRD files of a chart and its subcharts (crds/*.yaml|yml|json), as Helm's
// Chart.CRDObjects lists them: the chart's own first, then each subchart's.
import { posix } from 'node:path';
import { chartFullPath, type Chart, type ChartFile } from './types.ts';

export interface ChartCrd {
  /** Name inside its chart, e.g. "crds/widget.yaml". */
  name: string;
  /** Path shown in "# Source:", e.g. "parent/charts/sub/crds/widget.yaml". */
  filename: string;
  file: ChartFile;
}

export function chartCrds(chart: Chart): ChartCrd[] {
  const own = chart.files
    .filter((f) => f.name.startsWith('crds/') && /^\.(ya?ml|json)$/i.test(posix.extname(f.name)))
    .map((f) => ({ name: f.name, filename: `${chartFullPath(chart)}/${f.name}`, file: f }));
  return [...own, ...chart.dependencies.flatMap(chartCrds)];
}
