// `create NAME --starter S` compared with helm v4: the same chart folder from a starter in
// helm's starters folder (or given by path), <CHARTNAME> replaced, subcharts packaged into
// charts/; both render the result identically.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureCharts, helm, helmSync, hookline, tempDir } from './repo-harness.ts';
import { fileTree } from '../support/files.ts';

/** Every file under `dir` (archives by name only: their bytes carry packaging times). */
const tree = (dir: string) => fileTree(dir, (p) => (p.endsWith('.tgz') ? 'archive' : readFileSync(p, 'utf8')));

// A starter: the render-basics fixture with its name replaced by <CHARTNAME>, plus a subchart.
function starterFolder(): string {
  const data = tempDir('data');
  const starter = join(data, 'starters', 'web');
  cpSync(join(fixtureCharts, 'render-basics'), starter, { recursive: true });
  const replace = (p: string) => writeFileSync(p, readFileSync(p, 'utf8').replaceAll('render-basics', '<CHARTNAME>').replaceAll('basics.', '<CHARTNAME>.'));
  for (const f of readdirSync(join(starter, 'templates'))) replace(join(starter, 'templates', f));
  replace(join(starter, 'values.yaml'));
  helmSync(['package', join(fixtureCharts, 'chart-packed'), '-d', join(starter, 'charts')]);
  return data;
}

describe('create --starter compared with helm', () => {
  test('same files and the same rendering, by starter name and by path', async () => {
    const data = starterFolder();
    for (const starter of ['web', join(data, 'starters', 'web')]) {
      const [hd, kd] = [tempDir('h'), tempDir('k')];
      const env = { HELM_DATA_HOME: data };
      const [h, k] = [await helm(['create', 'apps/shop', '--starter', starter], env, hd), await hookline(['create', 'apps/shop', '-p', starter], env, kd)];
      assert.equal(k.stdout, h.stdout);
      assert.equal(k.code, 0, k.stderr);
      assert.deepEqual(tree(kd), tree(hd));
      assert.match(tree(kd)['apps/shop/Chart.yaml'], /^name: shop$/m);
      const [rh, rk] = [await helm(['template', 'x', join(hd, 'apps', 'shop')], {}), await helm(['template', 'x', join(kd, 'apps', 'shop')], {})];
      assert.equal(rh.code, 0, rh.stderr);
      assert.equal(rk.stdout, rh.stdout);
      assert.equal((await hookline(['template', 'x', join(kd, 'apps', 'shop')], {})).stdout, rh.stdout);
    }
  });

  test('a missing starter fails naming it', async () => {
    const env = { HELM_DATA_HOME: tempDir('empty') };
    const [h, k] = [await helm(['create', 'x', '--starter', 'nope'], env, tempDir('h')), await hookline(['create', 'x', '--starter', 'nope'], env, tempDir('k'))];
    assert.equal(k.code, 1);
    assert.equal(h.code, 1);
    assert.match(k.stderr, /could not load .*starters\/nope/);
  });
});
