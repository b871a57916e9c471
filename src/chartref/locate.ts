// Turns a chart argument as helm takes it into a chart on local disk for the loader: a chart
// directory or .tgz as is; REPO/CHART, --repo URL, a .tgz URL and oci:// references downloaded
// into helm's content cache; with --verify, the chart's provenance file checked too.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { verifyChartFile, type Verification } from '../chart/provenance.ts';
import { downloadChartToCache } from './http-chart.ts';
import { locateOciChart } from './oci-chart.ts';

/** How to find and fetch a remote chart: helm's --version, --devel, --repo and TLS/auth flags. */
export interface ChartSourceOptions {
  version?: string;
  devel?: boolean;
  repo?: string;
  username?: string;
  password?: string;
  passCredentials?: boolean;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  insecureSkipTlsVerify?: boolean;
  plainHttp?: boolean;
  verify?: boolean;
  keyring?: string;
  /** Never a path on disk (pull takes only repository and URL references, as helm's does). */
  remoteOnly?: boolean;
}

/** The local path (directory or archive) of the chart that `reference` names. */
export async function locateChart(reference: string, options: ChartSourceOptions): Promise<string> {
  const name = reference.trim();
  if (name.startsWith('oci://')) return (await locateOciChart(name, options)).path;
  return (await locateVerifiedChart(name, options)).path;
}

/** A located chart and, with options.verify, the check of its provenance file. */
export interface LocatedChart {
  path: string;
  provPath?: string;
  verification?: Verification;
}

/** Repository, URL and path references, their provenance checked when options.verify is set. */
export async function locateVerifiedChart(name: string, options: ChartSourceOptions): Promise<LocatedChart> {
  if (name.startsWith('oci://')) return locateOciChart(name, options);
  const local = !options.repo && !options.remoteOnly ? localChart(name) : undefined;
  if (local) {
    if (!options.verify) return { path: local };
    return { path: local, provPath: `${local}.prov`, verification: await verifyChartFile(local, `${local}.prov`, basename(local), keyring(options)) };
  }
  const cached = await downloadChartToCache(name, withDevel(options));
  if (!cached.provPath) return { path: cached.path };
  // The .prov names the archive by the last part of its URL.
  const verification = await verifyChartFile(cached.path, cached.provPath, basename(new URL(cached.url).pathname), keyring(options));
  return { path: cached.path, provPath: cached.provPath, verification };
}

/** The --keyring path, ~ expanded. */
export const keyring = (options: ChartSourceOptions) => (options.keyring ?? defaultKeyring()).replace(/^~(?=\/)/, homedir());

/** A chart on disk: its absolute path; undefined when `name` is to be looked up remotely. */
function localChart(name: string): string | undefined {
  if (existsSync(name)) return resolve(name);
  if (isAbsolute(name) || name.startsWith('.')) throw new Error(`path ${JSON.stringify(name)} not found`);
  return undefined;
}

/** helm's default keyring: $GNUPGHOME/pubring.gpg or ~/.gnupg/pubring.gpg. */
export function defaultKeyring(): string {
  return process.env.GNUPGHOME ? join(process.env.GNUPGHOME, 'pubring.gpg') : join(homedir(), '.gnupg', 'pubring.gpg');
}

// --devel without --version means any version, pre-releases included.
function withDevel(options: ChartSourceOptions): ChartSourceOptions {
  return options.devel && !options.version?.trim() ? { ...options, version: '>0.0.0-0' } : options;
}
