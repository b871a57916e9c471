// `lint --with-subcharts` and lint of archives and non-charts, compared with helm v4: the
// charts found under charts/ (folders, nested ones, .tgz archives) are linted after the given
// ones, each on its own, with the same report, stderr and exit code.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { referenceTool } from '../support/reference-tools.ts';
import { runBothTools, writeChart } from '../support/cli-differential.ts';

const root = writeChart({
  // Subcharts named in Chart.yaml: helm lists undeclared ones in Go's random map order.
  'parent/Chart.yaml': 'apiVersion: v2\nname: parent\nversion: 0.1.0\nicon: https://example.invalid/i.png\ndependencies:\n- name: sub\n  version: 1.0.0\n- name: packed\n  version: 3.0.0\n',
  'parent/values.yaml': 'sub:\n  x:\n    y: 1\n',
  'parent/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Not_A_Name\n',
  // Linted on its own, the subchart has no x: a nil pointer error (the parent's values do not reach it).
  'parent/charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 1.0.0\ndependencies:\n- name: deep\n  version: "2.0"\n',
  'parent/charts/sub/templates/a.yaml': 'a: {{ .Values.x.y }}\n',
  'parent/charts/sub/charts/deep/Chart.yaml': 'apiVersion: v2\nname: deep\nversion: "2.0"\n',
  'parent/charts/sub/charts/deep/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\n',
  'packed/Chart.yaml': 'apiVersion: v2\nname: packed\nversion: 3.0.0\n',
  'packed/values.yaml': 'a: 1\n',
  'packed/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name | default "packed" }}\n',
  'plain/Chart.yaml': 'apiVersion: v2\nname: plain\nversion: 0.1.0\n',
  'not-a-chart/values.yaml': 'a: 1\n',
});

before(() => {
  // The archive is packaged by helm itself, into the parent's charts/ folder.
  const packed = spawnSync(referenceTool('helm4'), ['package', join(root, 'packed'), '-d', join(root, 'parent', 'charts')], { encoding: 'utf8' });
  assert.equal(packed.status, 0, packed.stderr);
});

after(() => rmSync(root, { recursive: true, force: true }));

const cases: Array<[string, string[]]> = [
  ['subchart folders, nested subcharts and archives', ['--with-subcharts', './parent']],
  ['--strict counts the subcharts\' warnings', ['--with-subcharts', 'parent/', '--strict']],
  ['values reach every linted chart', ['--with-subcharts', 'parent', '--set', 'x.y=2,name=Bad_Name']],
  ['a chart without charts/', ['--with-subcharts', 'plain']],
  ['without the flag, subcharts are not linted', ['parent']],
  ['an archive, a missing archive and a folder without Chart.yaml', ['parent/charts/packed-3.0.0.tgz', 'missing.tgz', './not-a-chart', 'gone']],
];

describe('lint --with-subcharts like helm', { concurrency: 3 }, () => {
  for (const [what, args] of cases) {
    test(what, async () => {
      const run = await runBothTools((tool) => ['lint', ...args, ...(tool === 'hookline' ? ['--no-hooks'] : [])], { noKubeconfig: true, cwd: root });
      assert.equal(run.hookline.stdout, run.helm.stdout);
      assert.equal(run.hookline.stderr, run.helm.stderr);
      assert.equal(run.hookline.code, run.helm.code);
    });
  }
});
