// "No value" (a variable holding a missing field, the nil literal, a piped nil) reaches a map
// parameter as Go's nil map: reads see it empty, set fails. helm 4.1.4 is the reference.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { helmTemplate, hooklineTemplate } from './run-both.ts';

const templates: Record<string, string> = {
  hasKeyOfVariable: '{{ $x := .Values.missing }}{{ hasKey $x "a" }}',
  hasKeyOfNil: '{{ hasKey nil "a" }}',
  lookupData: '{{ $s := (lookup "v1" "Secret" "ns" "n").data }}{{ if hasKey $s "pw" }}kept{{ else }}new{{ end }} {{ get $s "pw" }}',
  keysOfPipedNil: '{{ (lookup "v1" "Secret" "ns" "n").data | keys }}',
  pickOmitValues: '{{ $x := .Values.missing }}{{ pick $x "a" }} {{ omit $x "a" }} {{ values $x }} {{ unset $x "a" }}',
  mergeIntoNil: '{{ $x := .Values.missing }}{{ merge $x (dict "a" 1) }} {{ mergeOverwrite $x (dict "b" 2) }}',
  setOnNil: '{{ $x := .Values.missing }}{{ set $x "a" 1 }}',
  fieldStaysAnError: '{{ hasKey (.Values.missing) "a" }}',
};

test('nil maps from "no value" arguments render as helm renders them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nil-map-'));
  mkdirSync(join(dir, 'templates'));
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: nilmaps\nversion: 0.1.0\n');
  writeFileSync(join(dir, 'values.yaml'), 'present: {}\n');
  for (const [name, text] of Object.entries(templates)) {
    writeFileSync(join(dir, 'templates', 'case.yaml'), `x: ${text}\n`);
    const helm = helmTemplate(['rel', '.'], dir);
    const ours = hooklineTemplate(['rel', '.'], dir);
    assert.deepEqual({ stdout: ours.stdout, stderr: ours.stderr, code: ours.code }, { stdout: helm.stdout, stderr: helm.stderr, code: helm.code }, name);
  }
});
