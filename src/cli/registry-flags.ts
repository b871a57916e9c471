// The registry-access flags helm gives package and the dependency commands (for oci://
// dependencies): credentials, TLS files, --insecure-skip-tls-verify and --plain-http.
import type { Command } from 'commander';
import type { ChartSourceOptions } from '../chartref/locate.ts';

export interface RegistryFlagValues {
  username?: string; password?: string; certFile?: string; keyFile?: string; caFile?: string; insecureSkipTlsVerify?: boolean; plainHttp?: boolean;
}

export function addRegistryFlags(cmd: Command): Command {
  return cmd
    .option('--username <name>', 'chart repository username where to locate the requested chart')
    .option('--password <secret>', 'chart repository password where to locate the requested chart')
    .option('--cert-file <path>', 'identify HTTPS client using this SSL certificate file')
    .option('--key-file <path>', 'identify HTTPS client using this SSL key file')
    .option('--insecure-skip-tls-verify', 'skip tls certificate checks for the chart download')
    .option('--plain-http', 'use insecure HTTP connections for the chart download')
    .option('--ca-file <path>', 'verify certificates of HTTPS-enabled servers using this CA bundle');
}

export function registryOptions(f: RegistryFlagValues): ChartSourceOptions {
  return { username: f.username, password: f.password, certFile: f.certFile, keyFile: f.keyFile, caFile: f.caFile, insecureSkipTlsVerify: f.insecureSkipTlsVerify, plainHttp: f.plainHttp };
}
