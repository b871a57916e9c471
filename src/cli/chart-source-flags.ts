// Flags that say where a chart comes from and how to fetch it, shared by every command that
// takes a chart argument (install, upgrade, template, plan, show, pull).
import type { Command } from 'commander';
import type { ChartSourceOptions } from '../chartref/locate.ts';

export type ChartSourceFlagValues = ChartSourceOptions;

export function addChartSourceFlags(cmd: Command): Command {
  return cmd
    .option('--version <constraint>', 'chart version to use: an exact version (1.2.3) or a range (^1.2, >=1.0 <2.0); the latest if unset')
    .option('--devel', 'consider pre-release versions too (as --version ">0.0.0-0"); ignored when --version is set')
    .option('--repo <url>', 'URL of the chart repository to find the chart in')
    .option('--username <name>', 'user name for the chart repository or registry')
    .option('--password <secret>', 'password for the chart repository or registry')
    .option('--pass-credentials', 'send the credentials to every host the chart download goes to')
    .option('--ca-file <path>', 'verify the server\'s certificate with this CA bundle')
    .option('--cert-file <path>', 'client certificate for the server')
    .option('--key-file <path>', 'client key for the server')
    .option('--insecure-skip-tls-verify', 'do not verify the server\'s certificate')
    .option('--plain-http', 'use plain HTTP instead of HTTPS for the registry')
    .option('--verify', 'check the chart\'s provenance file before using it')
    .option('--keyring <path>', 'public keys for --verify', '~/.gnupg/pubring.gpg');
}

export function chartSourceOptions(flags: ChartSourceFlagValues): ChartSourceOptions {
  const { version, devel, repo, username, password, passCredentials, caFile, certFile, keyFile, insecureSkipTlsVerify, plainHttp, verify, keyring } = flags;
  return { version, devel, repo, username, password, passCredentials, caFile, certFile, keyFile, insecureSkipTlsVerify, plainHttp, verify, keyring };
}
