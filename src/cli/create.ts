// `create NAME --starter STARTER`: a new chart from a helm starter (a name in helm's starters
// folder, or a path), with <CHARTNAME> replaced in its templates and values.yaml, as helm does.
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { Command } from 'commander';
import { loadChart } from '../chart/load.ts';
import { emptyMetadata } from '../chart/metadata.ts';
import { saveChartDir } from '../chart/save-dir.ts';
import type { Chart, ChartFile } from '../chart/types.ts';
import { startersDir } from '../helmpath/paths.ts';

const PLACEHOLDER = '<CHARTNAME>';

function withName(file: ChartFile, name: string): ChartFile {
  return { name: file.name, data: Buffer.from(Buffer.from(file.data).toString('utf8').replaceAll(PLACEHOLDER, name)) };
}

function createFromStarter(target: string, starter: string): void {
  const name = basename(target);
  const source = isAbsolute(starter) ? starter : join(startersDir(), starter);
  let chart: Chart;
  try {
    chart = loadChart(source);
  } catch (err) {
    throw new Error(`could not load ${source}: ${(err as Error).message}`);
  }
  chart.metadata = { ...emptyMetadata(), name, description: 'A Helm chart for Kubernetes', type: 'application', version: '0.1.0', appVersion: '0.1.0', apiVersion: 'v2' };
  chart.templates = chart.templates.map((t) => withName(t, name));
  chart.raw = chart.raw.map((f) => (f.name === 'values.yaml' ? withName(f, name) : f));
  saveChartDir(chart, dirname(target));
}

export function register(program: Command): void {
  program.command('create <name>').description('create a new chart with the given name from a starter')
    .option('-p, --starter <name>', 'the name or absolute path to Helm starter scaffold')
    .action((name: string, flags: { starter?: string }) => {
      if (!flags.starter) {
        throw new Error("Hookline has no built-in chart scaffold yet: pass --starter NAME (a chart in helm's starters folder, or a path), or run 'helm create'");
      }
      process.stdout.write(`Creating ${name}\n`);
      createFromStarter(name, flags.starter);
    });
}
