// `package`: a chart directory to NAME-VERSION.tgz as helm writes it (--version, --app-version,
// -d, --dependency-update), which helm and Hookline then load and render identically.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { missingDependencies } from '../chart/dependencies.ts';
import { loadChart } from '../chart/load.ts';
import { packageChart, packageFileName } from '../chart/package.ts';
import { SemverVersion } from '../funcs/semver.ts';
import { updateDependencies } from '../repo/dependency-manager.ts';
import { addRegistryFlags, registryOptions, type RegistryFlagValues } from './registry-flags.ts';

type PackageFlags = RegistryFlagValues & { version?: string; appVersion?: string; destination: string; dependencyUpdate?: boolean; sign?: boolean };

async function packageOne(arg: string, flags: PackageFlags): Promise<string> {
  const path = resolve(arg);
  try {
    statSync(arg);
  } catch {
    throw new Error(`stat ${arg}: no such file or directory`);
  }
  if (flags.dependencyUpdate) await updateDependencies(path, { quiet: true, registry: registryOptions(flags) });
  const chart = loadChart(path);
  if (flags.version) chart.metadata.version = flags.version;
  try {
    SemverVersion.parse(chart.metadata.version);
  } catch {
    throw new Error('Invalid Semantic Version');
  }
  if (flags.appVersion) chart.metadata.appVersion = flags.appVersion;
  const missing = missingDependencies(chart);
  if (missing.length > 0) throw new Error(`found in Chart.yaml, but missing in charts/ directory: ${missing.join(', ')}`);
  const dest = flags.destination === '.' ? process.cwd() : flags.destination;
  const data = packageChart(chart);
  mkdirSync(dest, { recursive: true });
  const file = join(dest, packageFileName(chart));
  try {
    writeFileSync(file, data, { mode: 0o644 });
  } catch (err) {
    throw new Error(`failed to save: ${(err as Error).message}`);
  }
  return file;
}

async function packageCharts(paths: string[], flags: PackageFlags): Promise<void> {
  if (flags.sign) throw new Error('--sign: Hookline cannot sign packages yet; sign with helm package --sign');
  for (const p of paths) process.stdout.write(`Successfully packaged chart and saved it to: ${await packageOne(p, flags)}\n`);
}

export function register(program: Command): void {
  addRegistryFlags(program.command('package <charts...>').description('package a chart directory into a chart archive'))
    .option('--version <version>', 'set the version on the chart to this semver version')
    .option('--app-version <version>', 'set the appVersion on the chart to this version')
    .option('-d, --destination <dir>', 'location to write the chart.', '.')
    .option('-u, --dependency-update', 'update dependencies from "Chart.yaml" to dir "charts/" before packaging')
    .option('--sign', 'use a PGP private key to sign this package')
    .action(packageCharts);
}
