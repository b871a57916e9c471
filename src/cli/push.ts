// `hookline push CHART.tgz oci://HOST/PATH`: uploads a packaged chart to a registry with
// helm's flags, manifest and output.
import type { Command } from 'commander';
import { pushChart } from '../oci/push.ts';

interface PushFlags {
  certFile?: string;
  keyFile?: string;
  caFile?: string;
  insecureSkipTlsVerify?: boolean;
  plainHttp?: boolean;
  username?: string;
  password?: string;
}

export function register(program: Command): void {
  program.command('push')
    .description('push a chart to remote')
    .argument('<chart>', 'the packaged chart (.tgz); CHART.tgz.prov is pushed with it when present')
    .argument('<remote>', 'oci://HOST/PATH; the chart goes to HOST/PATH/NAME:VERSION')
    .option('--cert-file <path>', 'identify registry client using this SSL certificate file')
    .option('--key-file <path>', 'identify registry client using this SSL key file')
    .option('--ca-file <path>', 'verify certificates of HTTPS-enabled servers using this CA bundle')
    .option('--insecure-skip-tls-verify', 'skip tls certificate checks for the chart upload')
    .option('--plain-http', 'use insecure HTTP connections for the chart upload')
    .option('--username <name>', 'chart repository username where to locate the requested chart')
    .option('--password <secret>', 'chart repository password where to locate the requested chart')
    .action(async (chart: string, remote: string, flags: PushFlags) => {
      process.stderr.write(await pushChart(chart, remote, flags));
    });
}
