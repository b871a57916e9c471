// `verify PATH`: checks a chart archive against PATH.prov and a keyring, printing who signed it
// as helm verify does.
import { basename } from 'node:path';
import type { Command } from 'commander';
import { verificationReport, verifyChartFile } from '../chart/provenance.ts';
import { defaultKeyring, keyring } from '../chartref/locate.ts';

export function register(program: Command): void {
  program.command('verify <path>').description('verify that a chart at the given path has been signed and is valid')
    .option('--keyring <path>', 'keyring containing public keys', defaultKeyring())
    .action(async (path: string, flags: { keyring: string }) => {
      process.stdout.write(verificationReport(await verifyChartFile(path, `${path}.prov`, basename(path), keyring(flags))));
    });
}
