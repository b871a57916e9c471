// A dependency named in Chart.yaml but absent from charts/: template, install, upgrade and
// upgrade --install refuse the chart with helm's error, and lint warns (fails with --strict),
// each compared with helm v4; nothing is stored.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { freshNamespace, testClient } from '../support/cluster.ts';
import { comparable, errorLine, runBothTools, storedHistory, writeChart, type RunOptions, type Tool } from '../support/cli-differential.ts';
import { dropNamespace, runHelm } from '../support/lifecycle-harness.ts';

const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  a: "1"\n';
const chart = writeChart({
  'Chart.yaml': [
    'apiVersion: v2', 'name: needs', 'version: 0.1.0', 'dependencies:',
    '- name: redis', '  version: 1.x', '  repository: https://charts.invalid/stable',
    '- name: present', '  version: 0.1.0',
    '- name: pg', '  version: 1.x', '  repository: https://charts.invalid/stable', '',
  ].join('\n'),
  'templates/cm.yaml': cm,
  'charts/present/Chart.yaml': 'apiVersion: v2\nname: present\nversion: 0.1.0\n',
  'charts/present/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: sub\n',
});
const complete = writeChart({ 'Chart.yaml': 'apiVersion: v2\nname: needs\nversion: 0.1.0\n', 'templates/cm.yaml': cm });

const ns = { helm: '', hookline: '' } as Record<Tool, string>;
before(async () => {
  ns.helm = await freshNamespace(testClient(), 'md-h');
  ns.hookline = await freshNamespace(testClient(), 'md-k');
  // A release to upgrade, installed from a chart without the dependency list.
  for (const tool of ['helm', 'hookline'] as const) {
    const run = await runHelm(['install', 'existing', complete, '-n', ns[tool]]);
    assert.equal(run.code, 0, run.stderr);
  }
});

after(async () => {
  for (const dir of [chart, complete]) rmSync(dir, { recursive: true, force: true });
  await Promise.all(Object.values(ns).map((n) => dropNamespace(testClient(), n)));
});

describe('a dependency missing from charts/', { concurrency: 3 }, () => {
  const refusals: Array<[string, (tool: Tool) => string[], RunOptions?]> = [
    ['template', () => ['template', 'rel', chart], { noKubeconfig: true }],
    ['install', (tool) => ['install', 'fresh', chart, '-n', ns[tool]]],
    ['upgrade', (tool) => ['upgrade', 'existing', chart, '-n', ns[tool]]],
    ['upgrade --install of a new release', (tool) => ['upgrade', '--install', 'fresh', chart, '-n', ns[tool]]],
  ];
  for (const [what, args, options] of refusals) {
    test(`${what} refuses it with helm's error`, async () => {
      const run = await runBothTools(args, options);
      assert.equal(run.helm.code, 1);
      assert.equal(run.hookline.code, 1);
      assert.match(errorLine(run.helm.stderr), /missing in charts\/ directory: redis, pg$/);
      assert.equal(comparable(errorLine(run.hookline.stderr)), comparable(errorLine(run.helm.stderr)));
      assert.equal(comparable(run.hookline.stdout, ns.hookline), comparable(run.helm.stdout, ns.helm));
      assert.deepEqual(await storedHistory(ns.hookline, 'fresh'), []);
      assert.deepEqual(await storedHistory(ns.hookline, 'existing'), await storedHistory(ns.helm, 'existing'));
    });
  }

  for (const strict of [false, true]) {
    test(`lint${strict ? ' --strict' : ''} reports it as helm does`, async () => {
      // --no-hooks: helm's rules only (Hookline's hook rules are reported apart).
      const run = await runBothTools((tool) => ['lint', chart, ...(strict ? ['--strict'] : []), ...(tool === 'hookline' ? ['--no-hooks'] : [])], { noKubeconfig: true });
      assert.match(run.helm.stdout, /chart directory is missing these dependencies: redis,pg/);
      assert.equal(run.hookline.stdout, run.helm.stdout);
      assert.equal(run.hookline.code, run.helm.code);
      assert.equal(errorLine(run.hookline.stderr), errorLine(run.helm.stderr));
    });
  }
});
