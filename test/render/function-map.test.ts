// The template function map is the set helm 4.1.4 exposes: every name we define parses in
// helm, and the names helm removes from Sprig (env, expandenv) fail in both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { templateFunctions } from '../../src/funcs/index.ts';
import { helmTemplate, hooklineTemplate } from './run-both.ts';

function chartWith(template: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'hookline-funcs-'));
  mkdirSync(join(dir, 'c', 'templates'), { recursive: true });
  writeFileSync(join(dir, 'c', 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
  writeFileSync(join(dir, 'c', 'templates', 'a.yaml'), template);
  return dir;
}

test('every function hookline defines is one helm defines', () => {
  const names = Object.keys(templateFunctions()).sort();
  assert.ok(names.length > 150, `only ${names.length} functions`);
  // A call that is never executed only needs the name to parse.
  const dir = chartWith(names.map((n) => `{{ if false }}{{ ${n} }}{{ end }}`).join('\n') + '\n');
  const helm = helmTemplate(['x', './c'], dir);
  assert.equal(helm.stderr, '');
  assert.equal(helm.code, 0);
  const ours = hooklineTemplate(['x', './c'], dir);
  assert.equal(ours.stdout, helm.stdout);
});

test('functions are registered under their own names; include and tpl are bound at render time', () => {
  for (const [name, fn] of Object.entries(templateFunctions())) assert.equal(fn.name, name);
  for (const removed of ['env', 'expandenv']) assert.ok(!(removed in templateFunctions()), removed);
});

for (const removed of ['env', 'expandenv']) {
  test(`${removed} is not defined, as in helm`, () => {
    const dir = chartWith(`{{ ${removed} "HOME" }}\n`);
    const helm = helmTemplate(['x', './c'], dir);
    const ours = hooklineTemplate(['x', './c'], dir);
    assert.equal(helm.code, 1);
    assert.equal(ours.stderr, helm.stderr);
    assert.equal(ours.code, 1);
  });
}
