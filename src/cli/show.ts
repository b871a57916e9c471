// `show chart|values|readme|crds|all`: a chart's Chart.yaml, values.yaml, README and CRDs as
// helm prints them, for any chart reference locateChart takes (repository, URL, path).
import type { Command } from 'commander';
import { marshalYaml } from '../codec/goyaml-emit.ts';
import { chartCrds } from '../chart/crds.ts';
import { loadChart } from '../chart/load.ts';
import type { Chart } from '../chart/types.ts';
import type { GoValue } from '../govalue/types.ts';
import { locateChart } from '../chartref/locate.ts';
import { encodeMetadata } from '../chart/metadata-json.ts';
import { executeJsonPath } from '../values/jsonpath.ts';
import { addChartSourceFlags, chartSourceOptions, type ChartSourceFlagValues } from './chart-source-flags.ts';

type Part = 'all' | 'chart' | 'values' | 'readme' | 'crds';

const README_NAMES = ['readme.md', 'readme.txt', 'readme'];
const text = (data: Uint8Array) => Buffer.from(data).toString('utf8');

function showChart(chart: Chart, part: Part): string {
  let out = '';
  const all = part === 'all';
  if (part === 'chart' || all) out += `${marshalYaml(encodeMetadata(chart.metadata) as GoValue)}\n`;
  const values = chart.raw.find((f) => f.name === 'values.yaml');
  if ((part === 'values' || all) && values) out += `${all ? '---\n' : ''}${text(values.data)}\n`;
  if (part === 'readme' || all) {
    const readme = chart.files.find((f) => README_NAMES.includes(f.name.toLowerCase()));
    if (readme) out += `${all ? '---\n' : ''}${text(readme.data)}\n`;
  }
  if (part === 'crds' || all) {
    for (const crd of chartCrds(chart)) out += `${text(crd.file.data).startsWith('---') ? '' : '---\n'}${text(crd.file.data)}\n`;
  }
  return out;
}

const descriptions: Record<Part, string> = {
  all: 'show all information of the chart',
  chart: "show the chart's definition",
  values: "show the chart's values",
  readme: "show the chart's README",
  crds: "show the chart's CRDs",
};

export function register(program: Command): void {
  const show = program.command('show').alias('inspect').description('show information of a chart');
  for (const part of Object.keys(descriptions) as Part[]) {
    const sub = addChartSourceFlags(show.command(`${part} <chart>`).description(descriptions[part]));
    if (part === 'values') sub.option('--jsonpath <template>', 'supply a JSONPath expression to filter the output');
    sub.action(async (reference: string, flags: ChartSourceFlagValues & { jsonpath?: string }) => {
      const path = await locateChart(reference, chartSourceOptions(flags));
      const chart = loadChart(path);
      // helm prints the template's output alone, without a final newline.
      process.stdout.write(flags.jsonpath ? executeJsonPath(flags.jsonpath, chart.values) : showChart(chart, part));
    });
  }
}
