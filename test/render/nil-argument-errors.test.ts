// A nil reaching a function parameter that cannot take it fails with Go's own words, compared
// with helm 4.1.4: a nil read from the values is a nil interface {} ("got interface {}"), no
// value is invalid ("invalid value; expected T"), the nil literal cannot be assigned ("cannot
// assign nil to T"); no value still reads as an empty map where Go's nil map is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { helmTemplate, hooklineTemplate } from './run-both.ts';

const templates: Record<string, string> = {
  keysOfNilValue: '{{ keys .Values.n }}',
  pluckOfMissingField: '{{ pluck "a" .Values.missing }}',
  ternaryOfNilValue: '{{ ternary 1 2 .Values.n }}',
  upperOfMissingField: '{{ upper .Values.missing }}',
  untilOfNilValue: '{{ until .Values.n }}',
  upperOfNoValue: '{{ $x := .Values.missing }}{{ upper $x }}',
  pipedNoValueIntoUpper: '{{ .Values.missing | upper }}',
  ternaryOfNoValue: '{{ $x := .Values.missing }}{{ ternary 1 2 $x }}',
  upperOfNilLiteral: '{{ upper nil }}',
  untilOfNilLiteral: '{{ until nil }}',
  mergeOfNilValue: '{{ merge (dict) .Values.n }}',
  mergeOfMissingField: '{{ merge (dict "a" 1) .Values.missing }}',
  mergeIntoNilValue: '{{ mergeOverwrite .Values.n (dict "a" 1) }}',
  mustMergeOverwriteOfNilValue: '{{ mustMergeOverwrite (dict "a" 1) (dict) .Values.n }}',
  // A piped nil is no value too (Go unwraps the interface between commands).
  mergeOfNoValueStillEmpty: '{{ $x := .Values.missing }}{{ merge $x (dict "a" 1) }} {{ $x | merge (dict "b" 2) }} {{ .Values.n | merge (dict "c" 3) }} {{ merge nil (dict "d" 4) }} {{ mergeOverwrite (dict "e" 5) nil (.Values.missing) }}',
};

test('nil arguments that Go refuses fail with helm\'s message', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nil-args-'));
  mkdirSync(join(dir, 'templates'));
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: nilargs\nversion: 0.1.0\n');
  writeFileSync(join(dir, 'values.yaml'), 'n: null\n');
  try {
    for (const [name, text] of Object.entries(templates)) {
      writeFileSync(join(dir, 'templates', 'case.yaml'), `x: ${text}\n`);
      const helm = helmTemplate(['rel', '.'], dir);
      const ours = hooklineTemplate(['rel', '.'], dir);
      assert.deepEqual({ stdout: ours.stdout, stderr: ours.stderr, code: ours.code }, { stdout: helm.stdout, stderr: helm.stderr, code: helm.code }, name);
      if (name !== 'mergeOfNoValueStillEmpty') assert.equal(helm.code, 1, `${name}: helm refuses it`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
