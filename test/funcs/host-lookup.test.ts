// lookupHost against Go's own net.LookupHost, built as helm is (CGO_ENABLED=0: the pure-Go
// resolver): the same addresses in the same order for /etc/hosts names, IP literals and names
// nothing resolves; and the hosts-file reading on crafted text (order, case, comments, IPv6 forms).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostsFileAddresses, lookupHost } from '../../src/funcs/host-lookup.ts';

const dir = mkdtempSync(join(tmpdir(), 'hookline-golookup-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** net.LookupHost of each name by a static Go binary (errors give []), as JSON. */
function goLookupHost(names: string[]): string[][] {
  writeFileSync(join(dir, 'main.go'), `package main

import (
	"encoding/json"
	"net"
	"os"
)

func main() {
	out := [][]string{}
	for _, name := range os.Args[1:] {
		addrs, _ := net.LookupHost(name)
		if addrs == nil {
			addrs = []string{}
		}
		out = append(out, addrs)
	}
	json.NewEncoder(os.Stdout).Encode(out)
}
`);
  const binary = join(dir, 'lookup');
  try {
    execFileSync('go', ['build', '-o', binary, join(dir, 'main.go')], { env: { ...process.env, CGO_ENABLED: '0', GO111MODULE: 'off' }, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    throw new Error(`building the Go reference failed (is the Go toolchain, go, on PATH?): ${(err as Error).message}`);
  }
  return JSON.parse(execFileSync(binary, names, { encoding: 'utf8' }));
}

describe('lookupHost as Go\'s pure resolver', () => {
  test('the same answers as net.LookupHost', () => {
    const names = ['localhost', 'LOCALHOST', 'localhost.', hostname(), `${hostname()}.`, '127.0.0.1', '::1', 'fe80::1%lo', '::ffff:10.0.0.1', '', 'no-such-host.invalid', 'not..a.name', 'x.onion'];
    const go = goLookupHost(names);
    assert.deepEqual(names.map((n) => lookupHost(n)), go);
    assert.ok(go[0].length > 0, 'localhost resolves on this machine');
  });

  test('a hosts file: every line naming the host, in file order; names in any case; Go\'s address forms', () => {
    const text = [
      '# a comment line',
      '127.0.0.1   localhost loopback',
      '::1 localhost ip6-localhost # trailing comment localhost-not',
      '0:0:0:0:0:0:0:1 LocalHost',
      'fe80:0:0:0:0:0:0:1%eth0\tlinklocal',
      '::ffff:192.0.2.1 mapped',
      '2001:db8:0:0:1:0:0:1 doc',
      '010.0.0.1 bad-leading-zero',
      'not-an-address localhost',
      '10.0.0.9 app.example app',
      '10.0.0.10 localhost\r',
    ].join('\n');
    assert.deepEqual(hostsFileAddresses(text, 'localhost'), ['127.0.0.1', '::1', '::1', '10.0.0.10']);
    assert.deepEqual(hostsFileAddresses(text, 'LOOPBACK'), ['127.0.0.1']);
    assert.deepEqual(hostsFileAddresses(text, 'linklocal'), ['fe80::1%eth0']);
    assert.deepEqual(hostsFileAddresses(text, 'mapped'), ['::ffff:192.0.2.1']);
    assert.deepEqual(hostsFileAddresses(text, 'doc'), ['2001:db8::1:0:0:1']);
    assert.deepEqual(hostsFileAddresses(text, 'bad-leading-zero'), []);
    // A name with a dot matches with or without its trailing dot; one without a dot only as written.
    assert.deepEqual(hostsFileAddresses(text, 'app.example.'), ['10.0.0.9']);
    assert.deepEqual(hostsFileAddresses(text, 'app.example'), ['10.0.0.9']);
    assert.deepEqual(hostsFileAddresses(text, 'app.'), []);
    assert.deepEqual(hostsFileAddresses(text, 'localhost-not'), []);
  });
});
