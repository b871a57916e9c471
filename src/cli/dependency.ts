// `dependency list|update|build` (aliases dep, dependencies): a chart's Chart.yaml dependencies,
// their status in charts/, and filling charts/ from repositories with Chart.lock as helm does.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';
import type { Command } from 'commander';
import { loadChart } from '../chart/load.ts';
import type { Chart, ChartDependency } from '../chart/types.ts';
import { SemverConstraint, SemverVersion } from '../funcs/semver.ts';
import { buildDependencies, updateDependencies } from '../chartref/dependency-manager.ts';
import { defaultKeyring, keyring } from '../chartref/locate.ts';
import { formatTable } from './table.ts';
import { addRegistryFlags, registryOptions, type RegistryFlagValues } from './registry-flags.ts';

const quiet = () => {};

// "ok" when the version satisfies the dependency's constraint, else helm's status word.
function versionStatus(version: string, dep: ChartDependency, good: string): string {
  if (version === dep.version) return good;
  let c: SemverConstraint;
  let v: SemverVersion;
  try {
    c = new SemverConstraint(dep.version);
    v = SemverVersion.parse(version);
  } catch {
    return 'invalid version';
  }
  return c.check(v) ? good : 'wrong version';
}

function archiveStatus(archive: string, dep: ChartDependency): string {
  let chart: Chart;
  try {
    chart = loadChart(archive, quiet);
  } catch {
    return 'corrupt';
  }
  if (chart.metadata.name !== dep.name) return 'misnamed';
  return versionStatus(chart.metadata.version, dep, 'ok');
}

const STRICT_SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

function dependencyStatus(chartPath: string, dep: ChartDependency, parent: Chart): string {
  const dir = join(chartPath, 'charts');
  const archives = existsSync(dir) ? readdirSync(dir).filter((f) => f.startsWith(`${dep.name}-`) && f.endsWith('.tgz')).sort().map((f) => join(dir, f)) : [];
  if (archives.length === 1) return archiveStatus(archives[0], dep);
  if (archives.length > 1) {
    const found = archives.filter((a) => STRICT_SEMVER.test(a.slice(dir.length + dep.name.length + 2, -'.tgz'.length)));
    if (found.length === 1) return archiveStatus(found[0], dep);
    if (found.length > 1) return 'too many matches';
  }
  const sub = [...parent.dependencies].reverse().find((d) => d.metadata.name === dep.name);
  return sub ? versionStatus(sub.metadata.version, dep, 'unpacked') : 'missing';
}

// uitable's MaxColWidth for this table.
const clip = (cell: string, width: number) => (width > 0 && cell.length > width ? `${cell.slice(0, Math.max(1, width - 3))}...` : cell);

function listDependencies(chartArg: string | undefined, flags: { maxColWidth: string }): void {
  const chartPath = normalize(chartArg ?? '.');
  const chart = loadChart(chartPath);
  if (chart.metadata.dependencies.length === 0) {
    process.stdout.write(`WARNING: no dependencies at ${join(chartPath, 'charts')}\n`);
    return;
  }
  const width = Number(flags.maxColWidth);
  const rows = [['NAME', 'VERSION', 'REPOSITORY', 'STATUS'],
    ...chart.metadata.dependencies.map((d) => [d.name, d.version, d.repository, dependencyStatus(chartPath, d, chart)])];
  let out = `${formatTable(rows.map((r) => r.map((c) => clip(c, width))))}\n`;
  const dir = join(chartPath, 'charts');
  for (const f of existsSync(dir) ? readdirSync(dir).sort() : []) {
    const path = join(dir, f);
    if (!statSync(path).isDirectory() && !f.endsWith('.tgz')) continue;
    let name: string;
    try {
      name = loadChart(path, quiet).metadata.name;
    } catch {
      out += `WARNING: ${JSON.stringify(path)} is not a chart.\n`;
      continue;
    }
    if (!chart.metadata.dependencies.some((d) => d.name === name)) out += `WARNING: ${JSON.stringify(path)} is not in Chart.yaml.\n`;
  }
  process.stdout.write(out);
}

type DependencyFlags = RegistryFlagValues & { skipRefresh?: boolean; verify?: boolean; keyring: string };

const commonOptions = (flags: DependencyFlags) => ({ skipRefresh: flags.skipRefresh, registry: registryOptions(flags), keyring: keyring(flags) });

function addFlags(cmd: Command): Command {
  return addRegistryFlags(cmd
    .option('--skip-refresh', 'do not refresh the local repository cache')
    .option('--verify', 'verify the packages against signatures')
    .option('--keyring <path>', 'keyring containing public keys', defaultKeyring()));
}

export function register(program: Command): void {
  const dep = program.command('dependency').aliases(['dep', 'dependencies']).description("manage a chart's dependencies");
  dep.command('list [chart]').alias('ls').description('list the dependencies for the given chart')
    .option('--max-col-width <n>', 'maximum column width for output table', '80')
    .action(listDependencies);
  addFlags(dep.command('update [chart]').alias('up').description('update charts/ based on the contents of Chart.yaml'))
    .action(async (chart: string | undefined, flags: DependencyFlags) => {
      await updateDependencies(normalize(chart ?? '.'), { ...commonOptions(flags), verify: flags.verify ? 'always' : undefined });
    });
  addFlags(dep.command('build [chart]').description('rebuild the charts/ directory based on the Chart.lock file'))
    .action(async (chart: string | undefined, flags: DependencyFlags) => {
      await buildDependencies(normalize(chart ?? '.'), { ...commonOptions(flags), verify: flags.verify ? 'if-possible' : undefined });
    });
}
