// `package`: a chart directory to NAME-VERSION.tgz as helm writes it (--version, --app-version,
// -d, --dependency-update), which helm and Hookline then load and render identically.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { marshalYaml } from '../codec/goyaml-emit.ts';
import { encodeMetadata } from '../chart/metadata-json.ts';
import { signProvenance } from '../chart/provenance.ts';
import { defaultKeyring, keyring } from '../chartref/locate.ts';
import type { GoValue } from '../govalue/types.ts';
import type { Command } from 'commander';
import { missingDependencies } from '../chart/dependencies.ts';
import { loadChart } from '../chart/load.ts';
import { packageChart, packageFileName } from '../chart/package.ts';
import { SemverVersion } from '../funcs/semver.ts';
import { updateDependencies } from '../chartref/dependency-manager.ts';
import { addRegistryFlags, registryOptions, type RegistryFlagValues } from './registry-flags.ts';

type PackageFlags = RegistryFlagValues & {
  version?: string; appVersion?: string; destination: string; dependencyUpdate?: boolean; sign?: boolean; key?: string; keyring: string; passphraseFile?: string;
};

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
  if (flags.sign) await sign(file, flags);
  return file;
}

// The first line of --passphrase-file ("-": standard input), as helm reads it.
function passphrase(flags: PackageFlags): string | undefined {
  if (!flags.passphraseFile) return undefined;
  return readFileSync(flags.passphraseFile === '-' ? 0 : flags.passphraseFile, 'utf8').split('\n')[0].replace(/\r$/, '');
}

async function sign(file: string, flags: PackageFlags): Promise<void> {
  const archive = readFileSync(file);
  const metadata = marshalYaml(encodeMetadata(loadChart(file, () => {}).metadata) as GoValue);
  const prov = await signProvenance(archive, basename(file), metadata, keyring(flags), flags.key!, passphrase(flags));
  writeFileSync(`${file}.prov`, prov, { mode: 0o644 });
}

async function packageCharts(paths: string[], flags: PackageFlags): Promise<void> {
  if (flags.sign && !flags.key) throw new Error('--key is required for signing a package');
  if (flags.sign && !flags.keyring) throw new Error('--keyring is required for signing a package');
  for (const p of paths) process.stdout.write(`Successfully packaged chart and saved it to: ${await packageOne(p, flags)}\n`);
}

export function register(program: Command): void {
  addRegistryFlags(program.command('package <charts...>').description('package a chart directory into a chart archive'))
    .option('--version <version>', 'set the version on the chart to this semver version')
    .option('--app-version <version>', 'set the appVersion on the chart to this version')
    .option('-d, --destination <dir>', 'location to write the chart.', '.')
    .option('-u, --dependency-update', 'update dependencies from "Chart.yaml" to dir "charts/" before packaging')
    .option('--sign', 'use a PGP private key to sign this package')
    .option('--key <name>', 'name of the key to use when signing. Used if --sign is true')
    .option('--keyring <path>', 'location of a public keyring', defaultKeyring())
    .option('--passphrase-file <path>', 'location of a file which contains the passphrase for the signing key. Use "-" in order to read from stdin.')
    .action(packageCharts);
}
