// Differential test: the order and the hook/resource split that `helm template` prints must be
// the order sortManifests computes for the same rendered files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referenceTool } from '../support/reference-tools.ts';
import { sortManifests } from '../../src/manifest/sort-manifests.ts';
import { hooksForEvent } from '../../src/manifest/hook-order.ts';

// Static templates (no template actions) so the rendered text is the file text.
const templates: Record<string, string> = {
  'b-mixed.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
---
apiVersion: v1
kind: Service
metadata:
  name: web
---
apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
  annotations:
    "helm.sh/hook": pre-upgrade,pre-install
    "helm.sh/hook-weight": "-5"
---apiVersion: v1
kind: Secret
metadata: {name: glued}
`,
  'a-config.yaml': `
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
---
apiVersion: example.com/v1
kind: Widget
metadata:
  name: custom
---
apiVersion: v1
kind: Namespace
metadata:
  name: ns1
`,
  'c-hooks.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: smoke
  annotations:
    helm.sh/hook: " TEST-success "
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: unknown-hook
  annotations:
    helm.sh/hook: pre-install,not-a-hook
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: hook-sa
  annotations:
    helm.sh/hook: pre-install
    helm.sh/hook-weight: 5
    helm.sh/hook-delete-policy: "Hook-Succeeded, before-hook-creation"
`,
  '_helpers.tpl': `{{/* not rendered */}}`,
  'empty.yaml': `   \n`,
};

function renderWithHelm(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hookline-sort-'));
  mkdirSync(join(dir, 'templates'));
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: sortprobe\nversion: 0.1.0\n');
  for (const [name, text] of Object.entries(templates)) writeFileSync(join(dir, 'templates', name), text);
  return execFileSync(referenceTool('helm4'), ['template', 'x', dir], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
}

test('resource and hook order matches helm template', () => {
  const helmOutput = renderWithHelm();
  const files = new Map(Object.entries(templates).map(([n, t]) => [`sortprobe/templates/${n}`, t]));
  const sorted = sortManifests(files);
  const ours = [...sorted.manifests.map((m) => ({ path: m.path, content: m.content })),
    ...sorted.hooks.map((h) => ({ path: h.path!, content: h.manifest! }))]
    .map((d) => `---\n# Source: ${d.path}\n${d.content}`).join('\n');
  assert.equal(ours.trim(), helmOutput.trim());
  assert.deepEqual(sorted.skippedHooks.map((s) => s.name), ['unknown-hook']);
});

test('hook annotations are parsed as Helm parses them', () => {
  const files = new Map(Object.entries(templates).map(([n, t]) => [`sortprobe/templates/${n}`, t]));
  const { hooks } = sortManifests(files);
  const byName = new Map(hooks.map((h) => [h.name, h]));
  assert.deepEqual(byName.get('smoke')!.events, ['test']);
  assert.deepEqual(byName.get('migrate')!.events, ['pre-upgrade', 'pre-install']);
  assert.equal(byName.get('migrate')!.weight, -5);
  assert.equal(byName.get('hook-sa')!.weight, 5);
  assert.deepEqual(byName.get('hook-sa')!.delete_policies, ['hook-succeeded', 'before-hook-creation']);
  // pre-install runs by weight: migrate (-5) before hook-sa (5)
  assert.deepEqual(hooksForEvent(hooks, 'pre-install').map((h) => h.name), ['migrate', 'hook-sa']);
});

test('equal weights run by name; equal names by kind install order (Helm 4)', () => {
  const mk = (name: string, kind: string, weight: number) =>
    ({ name, kind, weight, events: ['pre-install' as const], last_run: { phase: '' as const } });
  const order = hooksForEvent([mk('z-job', 'Job', 0), mk('b-job', 'Job', 0), mk('same', 'Job', 0),
    mk('same', 'ConfigMap', 0), mk('a-widget', 'Widget', 0), mk('first', 'Job', -1)], 'pre-install')
    .map((h) => `${h.kind}/${h.name}`);
  assert.deepEqual(order, ['Job/first', 'Widget/a-widget', 'Job/b-job', 'ConfigMap/same', 'Job/same', 'Job/z-job']);
});
