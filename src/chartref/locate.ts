// Turns a chart argument as helm takes it into a chart on local disk for the loader: today a
// chart directory or .tgz; REPO/CHART, --repo URL, a .tgz URL and oci:// references resolve
// here too, downloading into helm's cache.

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
}

/** The local path (directory or archive) of the chart that `reference` names. */
export async function locateChart(reference: string, options: ChartSourceOptions): Promise<string> {
  if (reference.startsWith('oci://')) return locateOciChart(reference, options);
  return reference;
}
