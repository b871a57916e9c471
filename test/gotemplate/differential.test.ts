// The template engine against the real helm: each case is the NOTES.txt of a throw-away chart
// (rendered but not parsed as YAML), printed by `helm install --dry-run=client`, and rendered by
// TemplateSet with the same values; outputs (or Go's error text) must be identical. Only Go
// builtins and a handful of values are used, so the engine is what is compared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TemplateSet } from '../../src/template/index.ts';
import { parseYamlValues } from '../../src/codec/yaml-values.ts';
import { referenceTool } from '../support/reference-tools.ts';
import type { GoMap } from '../../src/template/gotypes.ts';

const valuesYaml = `
name: demo
count: 3
ratio: 0.5
big: 1000000
small: 0.00001
enabled: true
off: false
empty: ""
list: [a, b, c]
nested: {a: {b: {c: deep}}, x: 1}
map: {zeta: 1, alpha: 2, Mid: 3}
nums: [1, 2.5, -3]
mixed: [1, "two", null, {k: v}, [x]]
unicode: "héllo wörld"
`;

const cases: Record<string, string> = {
  fields: '{{ .Values.name }} {{ .Values.nested.a.b.c }} {{ .Values.count }} {{ .Values.ratio }} {{ .Values.big }} {{ .Values.small }}',
  missing: '[{{ .Values.nope }}] [{{ .Values.nested.nope }}]',
  printing: '{{ .Values.list }} {{ .Values.map }} {{ .Values.mixed }} {{ .Values.nested }} {{ .Values.enabled }}',
  ranges: '{{ range .Values.list }}<{{ . }}>{{ end }}|{{ range $i, $v := .Values.list }}{{ $i }}{{ $v }}{{ end }}|{{ range $k, $v := .Values.map }}{{ $k }}={{ $v }};{{ end }}|{{ range .Values.nope }}x{{ else }}empty{{ end }}',
  rangeInt: '{{ range 3 }}{{ . }}{{ end }}|{{ range $i := 2 }}{{ $i }}{{ end }}',
  breakContinue: '{{ range .Values.list }}{{ if eq . "b" }}{{ continue }}{{ end }}{{ if eq . "c" }}{{ break }}{{ end }}{{ . }}{{ end }}',
  conditions: '{{ if .Values.off }}a{{ else if .Values.empty }}b{{ else if .Values.enabled }}c{{ else }}d{{ end }}|{{ with .Values.nested.a }}{{ .b.c }}{{ end }}|{{ with .Values.nope }}x{{ else with .Values.name }}{{ . }}{{ end }}',
  trimming: "a  \n  {{- .Values.name -}}  \n  b {{- /* comment */ -}} c\n{{- if true }}\n  d\n{{- end }}",
  variables: '{{ $x := .Values.count }}{{ $x }}{{ $x = 7 }}{{ $x }}{{ with .Values.nested }}{{ $.Values.name }}{{ $x }}{{ end }}',
  builtins: '{{ len .Values.list }} {{ len .Values.unicode }} {{ index .Values.list 1 }} {{ index .Values.nested "a" "b" "c" }} {{ not .Values.off }} {{ and 1 0 2 }} {{ or 0 "" "z" }} {{ and 1 2 }}',
  printf: '{{ printf "%s-%d-%v-%q-%5.2f|%x" "a" 7 .Values.list "q" 3.14159 255 }} {{ print 1 2 "a" "b" 3 }} {{ println "x" 1 }}',
  comparisons: '{{ eq 1 1 }} {{ eq "a" "b" "a" }} {{ ne 1 2 }} {{ lt 1 2 }} {{ le 2 2 }} {{ gt "b" "a" }} {{ ge 1.5 1.5 }} {{ eq .Values.count 3.0 }}',
  escapes: '{{ html "<a href=\'x\'>&</a>" }} {{ js "it\'s <b>" }} {{ urlquery "a b&c=d/é" }}',
  literals: "{{ 'a' }} {{ 1e3 }} {{ 0x1F }} {{ -3 }} {{ 1_000 }} {{ 0o17 }} {{ \"tab\\there\" }} {{ `raw\\n` }} {{ 2.50 }} {{ nil | print }}",
  defineTemplate: '{{ define "greet" }}hi {{ . }}{{ end }}{{ template "greet" .Values.name }}|{{ block "blk" .Values.count }}block {{ . }}{{ end }}',
  parens: '{{ (index .Values.list 0) }} {{ (.Values.nested).x }} {{ printf "%v" (len .Values.list) | print }}',
  pipes: '{{ .Values.name | printf "%s!" }} {{ "x" | printf "%s%s" "y" }}',
  errNilPointer: '{{ .Values.nope.deeper }}',
  errField: '{{ .Values.name.field }}',
  errArgs: '{{ index }}',
  errCompare: '{{ eq 1 "a" }}',
  errLtType: '{{ lt .Values.list 1 }}',
  errIndex: '{{ index .Values.list 5 }}',
  errTemplate: '{{ template "nope" }}',
  errParseFunc: '{{ nofunc 1 }}',
  errParseEnd: '{{ if true }}x',
  errParseVar: '{{ $undefined }}',
  errRange: '{{ range .Values.ratio }}x{{ end }}',
  errNonFunction: '{{ .Values.name 1 }}',
};

function helmRender(): Map<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'hookline-gotemplate-'));
  mkdirSync(join(dir, 'templates'));
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: gt\nversion: 0.1.0\n');
  writeFileSync(join(dir, 'values.yaml'), valuesYaml);
  const results = new Map<string, string>();
  for (const [name, text] of Object.entries(cases)) {
    // One chart per case, so one failing case does not hide the others.
    writeFileSync(join(dir, 'templates', 'NOTES.txt'), text);
    try {
      const out = execFileSync(referenceTool('helm4'), ['install', 'x', dir, '--dry-run=client'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TZ: 'UTC' } });
      results.set(name, out.slice(out.indexOf('NOTES:\n') + 'NOTES:\n'.length));
    } catch (err) {
      results.set(name, `ERROR ${String((err as { stderr?: string }).stderr)}`);
    }
  }
  return results;
}

test('the engine renders like helm for actions, builtins, printing and errors', () => {
  const helm = helmRender();
  const values = parseYamlValues(valuesYaml, 'values.yaml') as GoMap;
  for (const [name, text] of Object.entries(cases)) {
    const expected = helm.get(name)!;
    const set = new TemplateSet({ funcs: {}, missingKey: 'zero' });
    const file = 'gt/templates/NOTES.txt';
    let ours: string;
    try {
      set.parse(file, text);
      ours = set.execute(file, { Values: values }).replaceAll('<no value>', '');
    } catch (err) {
      ours = `ERROR ${(err as Error).message}`;
    }
    if (expected.startsWith('ERROR')) {
      // helm 4 re-lays some errors; the Go error text must be contained in what helm prints,
      // up to helm's own framing of it.
      assert.ok(ours.startsWith('ERROR'), `${name}: helm failed but we rendered ${JSON.stringify(ours)}\nhelm: ${expected}`);
      const goMessage = ours.slice(6).split(': ').pop()!;
      assert.ok(expected.includes(goMessage), `${name}: helm said ${JSON.stringify(expected)}, we said ${JSON.stringify(ours)}`);
    } else {
      // helm prints the notes trimmed of surrounding white space, then a line break
      assert.equal(`${ours.trim()}\n`, expected, `case ${name}`);
    }
  }
});
