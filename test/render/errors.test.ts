// Failing templates print helm 4.1.4's error, byte for byte, exit 1 and print nothing on stdout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { helmTemplate, hooklineTemplate } from './run-both.ts';

const failingTemplates: Record<string, string> = {
  fail: '{{ fail "boom" }}',
  requiredMissing: '{{ required "need x" .Values.x }}',
  requiredEmptyString: '{{ required "need empty" .Values.empty }}',
  requiredWrongType: '{{ required 1 .Values.x }}',
  nilPointer: '{{ .Values.a.b }}',
  fieldOfString: '{{ .Values.s.y }}',
  fieldOfInt: '{{ $x := 1 }}{{ $x.y }}',
  undefinedFunction: '{{ foo }}',
  parseError: '{{ if }}',
  unclosedAction: 'a: {{ .Values.s',
  wrongArgCount: '{{ toYaml }}',
  wrongArgType: '{{ "abc" | trunc "a" }}',
  indexOutOfRange: '{{ index .Values.l 5 }}',
  functionError: '{{ semver "bad" }}',
  incompatibleComparison: '{{ eq .Values.s 1 }}',
  includeMissing: '{{ include "nope" . }}',
  includeNestedMissing: '{{ include "x" . }}{{ define "x" }}{{ include "nope" . }}{{ end }}',
  includeFunctionError: '{{ include "x" . }}{{ define "x" }}{{ index .Values.l 5 }}{{ end }}',
  includeRecursion: '{{ define "r" }}{{ include "r" . }}{{ end }}{{ include "r" . }}',
  templateMissing: '{{ template "nope" . }}',
  tplNilPointer: '{{ tpl "{{ .Values.a.b }}" . }}',
  tplFail: '{{ tpl "{{ fail \\"in tpl\\" }}" . }}',
  tplParseError: '{{ tpl "{{ if }}" . }}',
  invalidYaml: 'a: b\n c: [',
};

function chartWith(template: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'hookline-err-'));
  mkdirSync(join(dir, 'c', 'templates'), { recursive: true });
  writeFileSync(join(dir, 'c', 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
  writeFileSync(join(dir, 'c', 'values.yaml'), 's: str\nempty: ""\nl: [1, 2]\n');
  writeFileSync(join(dir, 'c', 'templates', 'a.yaml'), template);
  return dir;
}

for (const [name, template] of Object.entries(failingTemplates)) {
  test(`error output like helm: ${name}`, () => {
    const dir = chartWith(template);
    const helm = helmTemplate(['x', './c'], dir);
    const ours = hooklineTemplate(['x', './c'], dir);
    assert.equal(helm.code, 1, `helm should fail on ${template}`);
    assert.equal(ours.stderr, helm.stderr);
    assert.equal(ours.stdout, '');
    assert.equal(ours.code, 1);
  });
}

test('bad --show-only and --kube-version fail as in helm', () => {
  const dir = chartWith('a: b\n');
  for (const flags of [['--show-only', 'templates/none.yaml'], ['--kube-version', 'abc'], ['--kube-version', '01.2.3']]) {
    const helm = helmTemplate(['x', './c', ...flags], dir);
    const ours = hooklineTemplate(['x', './c', ...flags], dir);
    assert.equal(ours.stderr, helm.stderr, flags.join(' '));
    assert.equal(ours.code, helm.code);
  }
});

test('command line mistakes fail as in helm', () => {
  const dir = chartWith('a: b\n');
  for (const args of [['Bad_Name', './c'], ['a', 'b', 'c'], ['x', './missing-chart']]) {
    const helm = helmTemplate(args, dir);
    const ours = hooklineTemplate(args, dir);
    assert.equal(ours.stderr, helm.stderr, args.join(' '));
    assert.equal(ours.stdout, helm.stdout, args.join(' '));
    assert.equal(ours.code, helm.code);
  }
});

test('--generate-name renders with the name helm template uses', () => {
  const dir = chartWith('name: {{ .Release.Name }}\n');
  const ours = hooklineTemplate(['-g', './c'], dir);
  const helm = helmTemplate(['-g', './c'], dir);
  assert.equal(helm.code, 0, helm.stderr);
  assert.equal(ours.stdout, helm.stdout);
});
