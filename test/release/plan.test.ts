// Plans list hook phases in execution order and resource changes with diffs, without a cluster.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffManifests, planChange, planInstall, renderPlanText } from '../../src/release/plan.ts';
import type { Hook } from '../../src/manifest/hook-record.ts';
import type { Release } from '../../src/storage/record.ts';

const hook = (name: string, kind: string, weight: number, events: Hook['events'], policies?: string[]): Hook =>
  ({ name, kind, weight, events, path: `c/templates/${name}.yaml`, last_run: { phase: '' }, delete_policies: policies,
    manifest: `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n` });

const manifest = (cmValue: string, withSecret: boolean) => [
  '---\n# Source: c/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  v: "' + cmValue + '"\n',
  withSecret ? '---\n# Source: c/templates/s.yaml\napiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n' : '',
  '---\n# Source: c/templates/d.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n',
].join('');

test('install plan: hooks by weight then name, resources in install order, default delete policy shown', () => {
  const hooks = [hook('z-late', 'Job', 5, ['pre-install']), hook('b', 'Job', 0, ['pre-install']), hook('a', 'ConfigMap', 0, ['pre-install', 'post-install'], ['hook-succeeded']), hook('t', 'Pod', 0, ['test'])];
  const plan = planInstall('app', 'ns', 1, hooks, manifest('1', true), { noHooks: false, wait: true, timeoutMs: 300_000 });
  assert.deepEqual(plan.steps.map((s) => s.type), ['hooks', 'resources', 'wait', 'hooks', 'record']);
  const pre = plan.steps[0];
  assert.ok(pre.type === 'hooks');
  assert.deepEqual(pre.hooks.map((h) => h.name), ['a', 'b', 'z-late']);
  assert.deepEqual(pre.hooks[1].deletePolicies, ['before-hook-creation']);
  assert.equal(pre.hooks[0].waitsFor, 'nothing (created only)');
  assert.equal(pre.hooks[1].waitsFor, 'Job to complete');
  const res = plan.steps[1];
  assert.ok(res.type === 'resources');
  assert.deepEqual(res.resources.map((r) => `${r.verb} ${r.kind}`), ['create Secret', 'create ConfigMap', 'create Deployment']);
  assert.match(renderPlanText(plan, false), /1\) ConfigMap\/a  weight 0  delete-policy hook-succeeded/);
});

test('upgrade plan: changed objects carry a diff, removed ones are deleted', () => {
  const current = { name: 'app', namespace: 'ns', version: 1, info: { status: 'deployed' }, manifest: manifest('1', true) } as Release;
  const plan = planChange('upgrade', current, 2, [], manifest('2', false), { noHooks: false, wait: false, timeoutMs: 60_000 });
  const res = plan.steps.find((s) => s.type === 'resources');
  assert.ok(res && res.type === 'resources');
  assert.deepEqual(res.resources.map((r) => `${r.verb} ${r.kind}/${r.name}`), ['update ConfigMap/cfg', 'unchanged Deployment/web', 'delete Secret/s']);
  assert.match(res.resources[0].diff!, /-  v: "1"\n\+  v: "2"/);
  assert.equal(diffManifests(manifest('1', true), manifest('1', true), 'ns').every((r) => r.verb === 'unchanged'), true);
});
