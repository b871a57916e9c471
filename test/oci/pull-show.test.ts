// `pull` and `show` with oci:// references, side by side with helm v4 on a real plain-HTTP
// registry: the same files written (names, bytes, provenance), the same output.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRegistry, type TestRegistry } from '../support/registry.ts';
import { helmHome, ok, packagedChart, run, type Tool } from './tools.ts';

let registry: TestRegistry;
let digest = '';
const homes = {} as Record<Tool, NodeJS.ProcessEnv>;

before(async () => {
  registry = await startRegistry({ secure: false });
  for (const tool of ['helm', 'hookline'] as const) homes[tool] = helmHome(join(registry.workDir, `home-${tool}`));
  const plain = packagedChart(registry.workDir, 'pulled', '1.2.3');
  digest = /Digest: (\S+)/.exec(ok('helm', ['push', plain, `oci://${registry.host}/charts`, '--plain-http'], homes.helm).stderr)![1];
  // The same chart at 2.0.0 with a provenance file beside it.
  const signedDir = join(registry.workDir, 'signed');
  mkdirSync(signedDir, { recursive: true });
  const signed = join(signedDir, 'pulled-2.0.0.tgz');
  copyFileSync(packagedChart(join(registry.workDir, 'v2'), 'pulled', '2.0.0'), signed);
  const packagedAt = new Date('2026-01-02T03:04:05Z');
  utimesSync(signed, packagedAt, packagedAt);
  writeFileSync(`${signed}.prov`, 'provenance bytes\n');
  ok('helm', ['push', signed, `oci://${registry.host}/charts`, '--plain-http'], homes.helm);
});

after(() => registry.stop());

/** Runs `args` with each tool in its own fresh folder; returns outputs and the files written. */
function both(name: string, args: string[]) {
  return (['helm', 'hookline'] as const).map((tool) => {
    const dir = join(registry.workDir, 'pulls', name, tool);
    mkdirSync(dir, { recursive: true });
    const result = run(tool, [...args, '--plain-http'], homes[tool], { cwd: dir });
    const files = Object.fromEntries((readdirSync(dir, { recursive: true }) as string[]).sort()
      .map((f) => [f, (() => { try { return readFileSync(join(dir, f)).toString('base64'); } catch { return 'dir'; } })()]));
    return { ...result, files };
  });
}

describe('pull', () => {
  const cases: Array<[string, string[], string]> = [
    ['exact version', ['--version', '1.2.3'], 'pulled-1.2.3.tgz'],
    ['range', ['--version', '<2'], 'pulled-1.2.3.tgz'],
    ['latest, unpacked', ['--untar'], 'pulled/Chart.yaml'],
    ['with --prov', ['--prov'], 'pulled-2.0.0.tgz.prov'],
    ['--prov without a provenance layer', ['--prov', '--version', '1.2.3'], 'pulled-1.2.3.tgz'],
  ];
  for (const [name, extra, expected] of cases) {
    test(name, () => {
      const [helm, hookline] = both(name, ['pull', `oci://${registry.host}/charts/pulled`, ...extra]);
      assert.equal(helm.code, 0, helm.stderr);
      assert.equal(hookline.code, 0, hookline.stderr);
      assert.deepEqual(hookline.files, helm.files);
      assert.equal(hookline.stdout, helm.stdout);
      assert.equal(hookline.stderr, helm.stderr);
      assert.ok(expected in hookline.files, `${expected} in ${Object.keys(hookline.files).join(', ')}`);
    });
  }

  test('by digest: the file is named after the digest, as helm names it', () => {
    const [helm, hookline] = both('digest', ['pull', `oci://${registry.host}/charts/pulled@${digest}`]);
    assert.equal(hookline.code, 0, hookline.stderr);
    assert.deepEqual(hookline.files, helm.files);
    assert.deepEqual(Object.keys(hookline.files), [`pulled@${digest.replace(':', '-')}.tgz`]);
    assert.equal(hookline.stderr, helm.stderr);
  });
});

describe('show', () => {
  for (const part of ['chart', 'values', 'all']) {
    test(`show ${part}`, () => {
      const [helm, hookline] = both(`show-${part}`, ['show', part, `oci://${registry.host}/charts/pulled`, '--version', '1.2.3']);
      assert.equal(hookline.code, 0, hookline.stderr);
      assert.equal(hookline.stdout, helm.stdout);
      assert.equal(hookline.stderr, helm.stderr);
      assert.match(hookline.stdout, /greeting: hello|name: pulled/);
    });
  }
});
