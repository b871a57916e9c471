// `plan` shows Hookline's annotations: attempts, own timeouts, allowed failures and parallel
// batches of hooks, and the steps of ordered resources; a chart without them plans as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planInstall, renderPlanText } from '../../src/release/plan.ts';
import type { Hook } from '../../src/release/record.ts';

const hook = (name: string, weight: number, annotations: Record<string, string> = {}): Hook => ({
  name, kind: 'Job', weight, events: ['pre-install'], path: `c/templates/${name}.yaml`, last_run: { phase: '' },
  manifest: `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: ${name}\n  annotations:\n${Object.entries({ 'helm.sh/hook': 'pre-install', ...annotations }).map(([k, v]) => `    ${k}: "${v}"`).join('\n')}\n`,
});

const doc = (name: string, annotations: Record<string, string> = {}) =>
  `---\n# Source: c/templates/${name}.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${Object.keys(annotations).length ? `  annotations:\n${Object.entries(annotations).map(([k, v]) => `    ${k}: "${v}"`).join('\n')}\n` : ''}`;

const options = { noHooks: false, wait: false, timeoutMs: 300_000 };

test('hooks: attempts, own timeout, failure allowed, parallel batches', () => {
  const hooks = [
    hook('migrate', 0, { 'hookline.dev/hook-retries': '2', 'hookline.dev/hook-timeout': '90s', 'hookline.dev/hook-parallel': 'true' }),
    hook('seed', 0, { 'hookline.dev/hook-parallel': 'true', 'hookline.dev/hook-allow-failure': 'true' }),
    hook('verify', 1),
  ];
  const plan = planInstall('app', 'ns', 1, hooks, doc('cfg'), options);
  const pre = plan.steps[0];
  assert.ok(pre.type === 'hooks');
  assert.deepEqual(pre.hooks.map((h) => [h.name, h.attempts, h.timeoutSeconds, h.allowFailure, h.runsWith]), [
    ['migrate', 3, 90, false, ['Job/seed']], ['seed', 1, 300, true, ['Job/migrate']], ['verify', 1, 300, false, []],
  ]);
  const text = renderPlanText(plan, false);
  assert.match(text, /1\) Job\/migrate  weight 0  delete-policy before-hook-creation  waits for Job to complete \(timeout 90s\)  attempts 3  in parallel with Job\/seed  \[c\/templates\/migrate\.yaml\]/);
  assert.match(text, /2\) Job\/seed .*\(timeout 300s\)  failure allowed  in parallel with Job\/migrate  \[/);
  assert.match(text, /3\) Job\/verify .*\(timeout 300s\)  \[c\/templates\/verify\.yaml\]/);
  const flagged = planInstall('app', 'ns', 1, [hook('x', 0), hook('y', 0)], doc('cfg'), { ...options, parallelHooks: 4 });
  assert.ok(flagged.steps[0].type === 'hooks');
  assert.deepEqual(flagged.steps[0].hooks.map((h) => h.runsWith), [['Job/y'], ['Job/x']], '--parallel-hooks batches unmarked hooks');
});

test('ordered resources appear as steps after the resource list; unordered charts have no such step', () => {
  const manifest = doc('app', { 'hookline.dev/depends-on': 'ConfigMap/db' }) + doc('db') + doc('first', { 'hookline.dev/wave': '-1' });
  const plan = planInstall('app', 'ns', 1, [], manifest, options);
  assert.deepEqual(plan.steps.map((s) => s.type), ['resources', 'resource-order', 'record']);
  assert.match(renderPlanText(plan, false), /2\. resources in order \(hookline\.dev\/wave, hookline\.dev\/depends-on\), each step ready before the next:\n   1\) wave -1: ConfigMap\/first\n   2\) wave 0: ConfigMap\/db\n   3\) wave 0: ConfigMap\/app\n3\. record revision 1 as deployed/);
  assert.deepEqual(planInstall('app', 'ns', 1, [], doc('db'), options).steps.map((s) => s.type), ['resources', 'record']);
});
