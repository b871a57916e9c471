// Signing keys for provenance tests, made by gpg in a throwaway home and exported as the
// legacy keyrings helm reads (pubring.gpg for --verify, secring.gpg for package --sign).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SigningKeys { pubring: string; secring: string; name: string }

/** A fresh key named `name` in the empty folder `home`. */
export function makeSigningKeys(home: string, name: string, passphrase = ''): SigningKeys {
  const gpg = (args: string[]) => execFileSync('gpg', ['--homedir', home, '--batch', '--pinentry-mode', 'loopback', '--passphrase', passphrase, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  gpg(['--quick-gen-key', `${name} <${name.toLowerCase().replaceAll(' ', '.')}@example.test>`, 'rsa2048', 'sign', 'never']);
  const pubring = join(home, 'pubring.gpg');
  const secring = join(home, 'secring.gpg');
  writeFileSync(pubring, gpg(['--export']));
  writeFileSync(secring, gpg(['--export-secret-keys']));
  // gpg starts an agent for the throwaway home; it would outlive the test run.
  execFileSync('gpgconf', ['--homedir', home, '--kill', 'gpg-agent'], { stdio: 'ignore' });
  return { pubring, secring, name };
}
