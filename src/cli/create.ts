// `create NAME`: a new chart in Hookline's own scaffold (src/chart/scaffold.ts), or with
// `--starter STARTER` from a helm starter (a name in helm's starters folder, or a path) with
// <CHARTNAME> replaced in its templates and values.yaml, as helm does.
import { basename, isAbsolute, join } from 'node:path';
import type { Command } from 'commander';
import { loadChart } from '../chart/load.ts';
import { emptyMetadata } from '../chart/metadata.ts';
import { saveChartDir } from '../chart/save-dir.ts';
import { createScaffold, withChartName } from '../chart/scaffold.ts';
import type { Chart, ChartFile } from '../chart/types.ts';
import { startersDir } from '../helmpath/paths.ts';

function withName(file: ChartFile, name: string): ChartFile {
  return { name: file.name, data: Buffer.from(withChartName(Buffer.from(file.data).toString('utf8'), name)) };
}

/** The folder the chart goes into, as Go's filepath.Dir gives it (helm: `create a/` makes a/a). */
function parentOf(target: string): string {
  const slash = target.lastIndexOf('/');
  return slash < 0 ? '.' : target.slice(0, slash) || '/';
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
  saveChartDir(chart, parentOf(target));
}

export function register(program: Command): void {
  program.command('create <name>').description('create a new chart with the given name')
    .option('-p, --starter <name>', 'the name or absolute path to Helm starter scaffold')
    .action((name: string, flags: { starter?: string }) => {
      process.stdout.write(`Creating ${name}\n`);
      if (flags.starter) createFromStarter(name, flags.starter);
      else createScaffold(basename(name), parentOf(name), (warning) => process.stdout.write(`${warning}\n`));
    });
}
