// `template --enable-dns`: getHostByName answers from /etc/hosts (names in any case; "localhost."
// is not the hosts file's "localhost" for Go, so DNS is asked), an IP literal is its own answer, a
// name nothing resolves fails as helm's does (Sprig's rand.Intn panic); without the flag every
// name gives "". Each name rendered by helm v4 and Hookline, compared byte for byte.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { lookupHost } from '../../src/funcs/host-lookup.ts';
import { helmTemplate, hooklineTemplate, type CommandResult } from './run-both.ts';

const chart = mkdtempSync(join(tmpdir(), 'hookline-dns-'));
mkdirSync(join(chart, 'templates'));
writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: dns\nversion: 0.1.0\n');
after(() => rmSync(chart, { recursive: true, force: true }));

function renderBoth(name: string, flags: string[]): { helm: CommandResult; hookline: CommandResult } {
  writeFileSync(join(chart, 'templates/host.yaml'), `address: {{ getHostByName ${JSON.stringify(name)} | quote }}\n`);
  return { helm: helmTemplate(['x', chart, ...flags], chart), hookline: hooklineTemplate(['x', chart, ...flags], chart) };
}

/** A name with several addresses is answered at random (by helm too): then the address is checked as one of them. */
function comparableOutput(name: string, output: string): string {
  const addresses = lookupHost(name);
  return output.replace(/^address: "(.+)"$/m, (line, address: string) => {
    assert.ok(addresses.includes(address), `${name}: ${address} is not one of ${addresses.join(', ')}`);
    return addresses.length > 1 ? 'address: one of the addresses' : line;
  });
}

const names = ['localhost', 'LocalHost', 'localhost.', hostname(), hostname().toUpperCase(), '127.0.0.1', '::1', 'fe80::1%lo', 'no-such-host.invalid', 'not..a.name', ''];

describe('getHostByName with --enable-dns, as helm', () => {
  for (const name of names) {
    test(`getHostByName ${JSON.stringify(name)}`, () => {
      const { helm, hookline } = renderBoth(name, ['--enable-dns']);
      assert.equal(hookline.code, helm.code, `helm: ${helm.stderr}\nhookline: ${hookline.stderr}`);
      assert.equal(hookline.stderr, helm.stderr);
      assert.equal(comparableOutput(name, hookline.stdout), comparableOutput(name, helm.stdout));
    });
  }

  test('the names the test relies on answer as expected', () => {
    assert.match(renderBoth('localhost', ['--enable-dns']).helm.stdout, /^address: "(127\.0\.0\.1|::1)"$/m);
    const unknown = renderBoth('no-such-host.invalid', ['--enable-dns']).helm;
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /error calling getHostByName: invalid argument to Intn/);
  });

  test('without the flag every name gives ""', () => {
    for (const name of ['localhost', 'no-such-host.invalid']) {
      const { helm, hookline } = renderBoth(name, []);
      assert.equal(helm.stdout, '---\n# Source: dns/templates/host.yaml\naddress: ""\n');
      assert.equal(hookline.stdout, helm.stdout);
    }
  });
});
