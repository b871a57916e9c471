// The lint rules for hookline.dev/ annotations (HL020-HL024): a chart that trips each, with the
// file, line and fix, and the same chart fixed, which does not; plus `hookline lint` end to end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintHooklineAnnotations } from '../../src/lint/hookline-annotation-rules.ts';
import { hooklineCli } from './support.ts';

function configMap(name: string, annotations: Record<string, string> = {}): string {
  const lines = Object.entries(annotations).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`);
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${lines.length ? `  annotations:\n${lines.join('\n')}\n` : ''}data: {}\n`;
}

function findings(docs: Record<string, string>) {
  const rendered = new Map(Object.entries(docs).map(([f, t]) => [`c/templates/${f}`, t]));
  return lintHooklineAnnotations({ rendered, sources: rendered }).map((f) => `${f.rule} ${f.severity} ${f.file}:${f.line} ${f.object}: ${f.message} (fix: ${f.fix})`);
}

test('HL020: a hook-control value Hookline cannot use', () => {
  assert.deepEqual(findings({ 'hook.yaml': configMap('h', { 'helm.sh/hook': 'pre-install', 'hookline.dev/hook-retries': 'many' }) }), [
    'HL020 error c/templates/hook.yaml:7 ConfigMap/h: annotation hookline.dev/hook-retries: "many" is out of range (fix: write a whole number from 0 to 20)',
  ]);
  assert.deepEqual(findings({ 'hook.yaml': configMap('h', { 'helm.sh/hook': 'pre-install', 'hookline.dev/hook-retries': '3' }) }), []);
});

test('HL021: ordering annotations on a hook are ignored', () => {
  assert.deepEqual(findings({ 'hook.yaml': configMap('h', { 'helm.sh/hook': 'pre-install', 'hookline.dev/wave': '1' }) }), [
    'HL021 warning c/templates/hook.yaml:7 ConfigMap/h: hookline.dev/wave on a hook is ignored: hooks run in their phase by helm.sh/hook-weight (fix: order hooks with helm.sh/hook-weight, and remove hookline.dev/wave)',
  ]);
});

test('HL022: every unknown depends-on target is reported', () => {
  assert.deepEqual(findings({
    'a.yaml': configMap('a', { 'hookline.dev/depends-on': 'ConfigMap/b, Secret/missing' }),
    'b.yaml': configMap('b', { 'hookline.dev/depends-on': 'Deployment/ghost' }),
  }), [
    'HL022 error c/templates/a.yaml:6 ConfigMap/a: hookline.dev/depends-on names Secret/missing, which is not a resource of this release (hooks run in their phases and cannot be waited for) (fix: fix the Kind/name or remove it)',
    'HL022 error c/templates/b.yaml:6 ConfigMap/b: hookline.dev/depends-on names Deployment/ghost, which is not a resource of this release (hooks run in their phases and cannot be waited for) (fix: fix the Kind/name or remove it)',
  ]);
});

test('HL023: a cycle; HL024: a dependency on a later wave; a fixed order has no finding', () => {
  assert.deepEqual(findings({
    'a.yaml': configMap('a', { 'hookline.dev/depends-on': 'ConfigMap/b' }),
    'b.yaml': configMap('b', { 'hookline.dev/depends-on': 'ConfigMap/a' }),
  }), ['HL023 error c/templates/a.yaml:6 ConfigMap/a: hookline.dev/depends-on forms a cycle: ConfigMap/a -> ConfigMap/b -> ConfigMap/a (fix: remove one of these dependencies)']);
  assert.deepEqual(findings({
    'a.yaml': configMap('a', { 'hookline.dev/depends-on': 'ConfigMap/b' }),
    'b.yaml': configMap('b', { 'hookline.dev/wave': '3' }),
  }), ['HL024 error c/templates/a.yaml:6 ConfigMap/a: in hookline.dev/wave 0, it depends on ConfigMap/b in the later wave 3 (fix: move one of them so that the dependency comes first)']);
  assert.deepEqual(findings({
    'a.yaml': configMap('a', { 'hookline.dev/depends-on': 'ConfigMap/b', 'hookline.dev/wave': '3' }),
    'b.yaml': configMap('b', { 'hookline.dev/wave': '3' }),
  }), []);
});

test('hookline lint reports the rules on a chart and fails it with exit code 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookline-lint-'));
  try {
    mkdirSync(join(dir, 'templates'));
    writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: ordered\nversion: 0.1.0\n');
    writeFileSync(join(dir, 'templates', 'a.yaml'), configMap('a', { 'hookline.dev/depends-on': 'ConfigMap/nowhere' }));
    const run = await hooklineCli(['lint', dir], false);
    assert.equal(run.code, 2, 'Hookline\'s rules failed, helm\'s passed');
    assert.match(run.stdout, /==> Hookline hook rules: .*\n\[ERROR\] templates\/a\.yaml:6: HL022 ConfigMap\/a: hookline\.dev\/depends-on names ConfigMap\/nowhere, which is not a resource of this release/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
