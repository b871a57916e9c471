// A chart marked `deprecated: true`: template, install, upgrade and upgrade --install print
// helm's warning on stderr (and still succeed), lint and show do not; with a missing
// dependency, install warns before the dependency error and upgrade after it (so never).
// Each case compared with helm v4 (stdout, stderr, exit code).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { freshNamespace, testClient } from '../support/cluster.ts';
import { comparable, runBothTools, writeChart, type RunOptions, type Tool } from '../support/cli-differential.ts';
import { dropNamespace, runHelm } from '../support/lifecycle-harness.ts';

const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n';
const deprecated = writeChart({ 'Chart.yaml': 'apiVersion: v2\nname: old\nversion: 0.1.0\ndeprecated: true\n', 'templates/cm.yaml': cm });
const missingDependency = writeChart({
  'Chart.yaml': 'apiVersion: v2\nname: old\nversion: 0.2.0\ndeprecated: true\ndependencies:\n- name: gone\n  version: 1.0.0\n  repository: https://charts.invalid/x\n',
  'templates/cm.yaml': cm,
});
const current = writeChart({ 'Chart.yaml': 'apiVersion: v2\nname: old\nversion: 0.0.1\n', 'templates/cm.yaml': cm });

const ns = { helm: '', hookline: '' } as Record<Tool, string>;
before(async () => {
  ns.helm = await freshNamespace(testClient(), 'dc-h');
  ns.hookline = await freshNamespace(testClient(), 'dc-k');
  for (const tool of ['helm', 'hookline'] as const) {
    const run = await runHelm(['install', 'existing', current, '-n', ns[tool]]);
    assert.equal(run.code, 0, run.stderr);
  }
});

after(async () => {
  for (const dir of [deprecated, missingDependency, current]) rmSync(dir, { recursive: true, force: true });
  await Promise.all(Object.values(ns).map((n) => dropNamespace(testClient(), n)));
});

const warning = 'level=WARN msg="this chart is deprecated"\n';
const local: RunOptions = { noKubeconfig: true };
// Hookline's progress lines and timeline (stderr) are its own; --quiet prints what helm prints.
const quiet = (tool: Tool) => (tool === 'hookline' ? ['--quiet'] : []);

describe('a deprecated chart', { concurrency: 1 }, () => {
  const cases: Array<[string, (tool: Tool) => string[], boolean, RunOptions?]> = [
    ['template', () => ['template', 'rel', deprecated], true, local],
    ['template with a missing dependency', () => ['template', 'rel', missingDependency], true, local],
    ['install', (tool) => ['install', 'fresh', deprecated, '-n', ns[tool], ...quiet(tool)], true],
    ['install with a missing dependency', (tool) => ['install', 'other', missingDependency, '-n', ns[tool], ...quiet(tool)], true],
    ['upgrade', (tool) => ['upgrade', 'existing', deprecated, '-n', ns[tool], ...quiet(tool)], true],
    ['upgrade with a missing dependency', (tool) => ['upgrade', 'existing', missingDependency, '-n', ns[tool], ...quiet(tool)], false],
    ['upgrade --install of a new release', (tool) => ['upgrade', '--install', 'new', deprecated, '-n', ns[tool], ...quiet(tool)], true],
    ['lint', (tool) => ['lint', deprecated, ...(tool === 'hookline' ? ['--no-hooks'] : [])], false, local],
    ['show chart', () => ['show', 'chart', deprecated], false, local],
  ];
  for (const [what, args, warns, options] of cases) {
    test(`${what}: ${warns ? 'warns' : 'no warning'} as helm does`, async () => {
      const run = await runBothTools(args, options);
      assert.equal(run.helm.stderr.includes(warning), warns, run.helm.stderr);
      assert.equal(comparable(run.hookline.stderr, ns.hookline), comparable(run.helm.stderr, ns.helm));
      assert.equal(comparable(run.hookline.stdout, ns.hookline), comparable(run.helm.stdout, ns.helm));
      assert.equal(run.hookline.code, run.helm.code);
    });
  }
});
