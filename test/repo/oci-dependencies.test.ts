// oci:// dependencies in `dependency update|build`, against a real OCI registry (the
// distribution registry of test/support/registry.ts) holding charts helm pushed: Hookline locks
// the same versions (an exact one and a range over the registry's tags) and fills charts/ with
// the same archives as helm.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRegistry, type TestRegistry } from '../support/registry.ts';
import { fixtureCharts, helm, helmHomes, helmSync, hookline, tempDir } from './repo-harness.ts';

let registry: TestRegistry;

before(async () => {
  registry = await startRegistry({ secure: false });
  const dir = tempDir('oci-charts');
  for (const v of ['0.1.0', '0.1.5', '0.2.0']) helmSync(['package', join(fixtureCharts, 'lifecycle-hooks'), '--version', v, '-d', dir]);
  helmSync(['package', join(fixtureCharts, 'render-basics'), '-d', dir]);
  for (const f of readdirSync(dir)) helmSync(['push', join(dir, f), `oci://${registry.host}/charts`, '--plain-http']);
});
after(() => registry.stop());

function parentChart(): string {
  const dir = join(tempDir('oci-parent'), 'parent');
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), [
    'apiVersion: v2', 'name: parent', 'version: 1.0.0', 'dependencies:',
    `- name: lifecycle-hooks\n  version: "~0.1.0"\n  repository: oci://${registry.host}/charts`,
    `- name: render-basics\n  version: 1.2.3\n  repository: oci://${registry.host}/charts\n  alias: basics`,
  ].join('\n') + '\n');
  return dir;
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const lockWithoutTime = (chart: string) => readFileSync(join(chart, 'Chart.lock'), 'utf8').replace(/^generated: .*$/m, '');

describe('oci:// dependencies compared with helm', () => {
  test('update locks the same versions and downloads the same archives; build restores them', async () => {
    const [hc, kc] = [parentChart(), parentChart()];
    const [he, ke] = [helmHomes(tempDir('h')), helmHomes(tempDir('k'))];
    const h = await helm(['dependency', 'update', hc, '--plain-http'], he);
    const k = await hookline(['dependency', 'update', kc, '--plain-http'], ke);
    assert.equal(h.code, 0, h.stderr);
    assert.equal(k.code, 0, k.stderr);
    assert.equal(k.stdout.replaceAll(kc, 'C'), h.stdout.replaceAll(hc, 'C'));
    assert.equal(k.stderr, h.stderr);
    assert.equal(lockWithoutTime(kc), lockWithoutTime(hc));
    assert.match(lockWithoutTime(kc), /version: 0\.1\.5/);
    const files = (c: string) => Object.fromEntries(readdirSync(join(c, 'charts')).sort().map((f) => [f, sha(join(c, 'charts', f))]));
    assert.deepEqual(files(kc), files(hc));
    // Each tool builds from the other's lock into an emptied charts/.
    for (const c of [hc, kc]) rmSync(join(c, 'charts'), { recursive: true });
    for (const [tool, chart, env] of [[hookline, hc, ke], [helm, kc, he]] as const) {
      // hc now holds helm's lock and is built by Hookline; kc the other way round.
      const r = await tool(['dependency', 'build', chart, '--plain-http'], env);
      assert.equal(r.code, 0, r.stderr);
    }
    assert.deepEqual(files(kc), files(hc));
    const [rh, rk] = [await helm(['template', 'x', hc], he), await hookline(['template', 'x', kc], ke)];
    assert.equal(rk.stdout, rh.stdout);
    assert.match(rk.stdout, /# Source: parent\/charts\/basics\//);
  });

  test('pull and show take oci:// references through the same locator', async () => {
    const ref = `oci://${registry.host}/charts/lifecycle-hooks`;
    const [hd, kd] = [tempDir('h'), tempDir('k')];
    const [he, ke] = [helmHomes(tempDir('h')), helmHomes(tempDir('k'))];
    for (const args of [['pull', ref, '--version', '~0.1', '--plain-http'], ['pull', ref, '--version', '0.2.0', '--untar', '--plain-http'], ['show', 'chart', ref, '--plain-http']]) {
      const [h, k] = [await helm(args, he, hd), await hookline(args, ke, kd)];
      assert.equal(k.code, h.code, `${args.join(' ')}: ${k.stderr}`);
      assert.equal(k.stdout, h.stdout, args.join(' '));
      assert.equal(k.stderr, h.stderr, args.join(' '));
    }
    const listing = (d: string) => readdirSync(d, { recursive: true }).map(String).sort();
    assert.deepEqual(listing(kd), listing(hd));
    assert.equal(sha(join(kd, 'lifecycle-hooks-0.1.5.tgz')), sha(join(hd, 'lifecycle-hooks-0.1.5.tgz')));
  });
});
