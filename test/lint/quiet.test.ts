// `lint --quiet` compared with helm v4: only warnings and errors, charts with neither left out,
// and the summary only when something was reported.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { runBothTools, writeChart } from '../support/cli-differential.ts';

const root = writeChart({
  'clean/Chart.yaml': 'apiVersion: v2\nname: clean\nversion: 0.1.0\nicon: https://example.invalid/i.png\n',
  'clean/values.yaml': 'a: 1\n',
  'clean/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n',
  'infos/Chart.yaml': 'apiVersion: v2\nname: infos\nversion: 0.1.0\n',
  'infos/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n',
  'warns/Chart.yaml': 'apiVersion: v2\nname: warns\nversion: "1.0"\n',
  'warns/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n',
});
after(() => rmSync(root, { recursive: true, force: true }));

const cases: string[][] = [['clean', 'infos'], ['clean', 'warns'], ['warns', '--strict'], ['infos', 'missing'], ['clean']];

describe('lint --quiet like helm', { concurrency: 3 }, () => {
  for (const args of cases) {
    test(args.join(' '), async () => {
      const run = await runBothTools((tool) => ['lint', '--quiet', ...args, ...(tool === 'hookline' ? ['--no-hooks'] : [])], { noKubeconfig: true, cwd: root });
      assert.equal(run.hookline.stdout, run.helm.stdout);
      assert.equal(run.hookline.stderr, run.helm.stderr);
      assert.equal(run.hookline.code, run.helm.code);
    });
  }

  test('a chart with only INFO messages prints nothing', async () => {
    const run = await runBothTools((tool) => ['lint', '--quiet', 'infos', ...(tool === 'hookline' ? ['--no-hooks'] : [])], { noKubeconfig: true, cwd: root });
    assert.equal(run.hookline.stdout, '');
    assert.equal(run.hookline.code, 0);
  });
});
