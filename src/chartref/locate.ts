// Turns a chart argument as helm takes it into a chart on local disk for the loader: today a
// chart directory or .tgz; REPO/CHART, --repo URL, a .tgz URL and oci:// references resolve
// here too, downloading into helm's cache.
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { downloadChartToCache } from './http-chart.ts';
import { locateOciChart } from '../oci/locate.ts';

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
  if (name.startsWith('oci://')) return locateOciChart(name, options);
  if (options.verify) throw new Error('--verify: Hookline cannot check provenance files yet; run without --verify, or verify the chart with helm');
  if (!options.repo && !options.remoteOnly) {
    const local = localChart(name);
    if (local) return local;
  }
  return downloadChartToCache(name, withDevel(options));
}

/** A chart on disk: its absolute path; undefined when `name` is to be looked up remotely. */
function localChart(name: string): string | undefined {
  if (existsSync(name)) return resolve(name);
  if (isAbsolute(name) || name.startsWith('.')) throw new Error(`path ${JSON.stringify(name)} not found`);
  return undefined;
}

// --devel without --version means any version, pre-releases included.
function withDevel(options: ChartSourceOptions): ChartSourceOptions {
  return options.devel && !options.version?.trim() ? { ...options, version: '>0.0.0-0' } : options;
}
