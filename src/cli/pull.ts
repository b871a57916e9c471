// `pull` (alias fetch): downloads charts from repositories or URLs (through locateChart, so every
// kind of reference works) into -d, optionally unpacked (--untar/--untardir) or with its --prov.
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import type { Command } from 'commander';
import { expandChartArchive } from '../chart/expand.ts';
import { loadChart } from '../chart/load.ts';
import { chartDownloadSource } from '../chartref/http-chart.ts';
import { locateChart, locateVerifiedChart, type ChartSourceOptions } from '../chartref/locate.ts';
import { verificationReport } from '../chart/provenance.ts';
import { httpGet } from '../repo/http-get.ts';
import { digestArchiveName, pullProvenance } from '../oci/pull.ts';
import { isOciReference } from '../oci/reference.ts';
import { addChartSourceFlags, chartSourceOptions, type ChartSourceFlagValues } from './chart-source-flags.ts';

type PullFlags = ChartSourceFlagValues & { untar?: boolean; untardir: string; destination: string; prov?: boolean };

function copyInto(source: string, target: string): void {
  const staging = `${target}.tmp-${process.pid}`;
  try {
    copyFileSync(source, staging);
  } catch (err) {
    throw new Error(`open ${target}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (err as Error).message}`);
  }
  renameSync(staging, target);
}

// helm creates DIR/<last part of the reference> and refuses to unpack over an existing one.
function untar(archive: string, reference: string, flags: PullFlags): void {
  const ud = isAbsolute(flags.untardir) ? flags.untardir : join(flags.destination, flags.untardir);
  const check = ud === '.' ? basename(reference) : join(ud, basename(reference));
  if (existsSync(check)) throw new Error(`failed to untar: a file or directory with the name ${check} already exists`);
  const data = readFileSync(archive);
  mkdirSync(check, { recursive: true });
  expandChartArchive(data, ud);
}

async function fetchProvenance(reference: string, options: ChartSourceOptions, target: string): Promise<void> {
  let download = () => pullProvenance(reference, options);
  if (!isOciReference(reference)) {
    const { url, get } = await chartDownloadSource(reference, options);
    download = () => httpGet(`${url}.prov`, get);
  }
  try {
    writeFileSync(target, await download());
  } catch (err) {
    process.stdout.write(`WARNING: Verification not found for ${reference}: ${(err as Error).message}\n`);
  }
}

async function pull(references: string[], flags: PullFlags): Promise<void> {
  const options = { ...chartSourceOptions(flags), remoteOnly: true };
  for (const reference of references) {
    const located = options.verify ? await locateVerifiedChart(reference, options) : { path: await locateChart(reference, options) };
    const archive = located.path;
    if (flags.untar) {
      untar(archive, reference, flags);
      if (located.verification) process.stdout.write(verificationReport(located.verification));
      continue;
    }
    const { name, version } = loadChart(archive, () => {}).metadata;
    const target = join(flags.destination, (isOciReference(reference) && digestArchiveName(reference)) || `${name}-${version}.tgz`);
    copyInto(archive, target);
    if (located.verification) {
      copyInto(located.provPath!, `${target}.prov`);
      process.stdout.write(verificationReport(located.verification));
    }
    // The exact version just pulled, so the .prov is the one beside that archive.
    if (flags.prov) await fetchProvenance(reference, { ...options, version }, `${target}.prov`);
  }
}

export function register(program: Command): void {
  addChartSourceFlags(program.command('pull <charts...>').alias('fetch')
    .description('download a chart from a repository and (optionally) unpack it in local directory'))
    .option('--untar', 'if set to true, will untar the chart after downloading it')
    .option('--prov', "fetch the provenance file, but don't perform verification")
    .option('--untardir <dir>', 'if untar is specified, this flag specifies the name of the directory into which the chart is expanded', '.')
    .option('-d, --destination <dir>', 'location to write the chart. If this and untardir are specified, untardir is appended to this', '.')
    .action(pull);
}
