// The template engine (src/gotemplate/index.ts) against the real helm v4, construct by construct.
// Each case runs twice: as the NOTES.txt of a throw-away chart (`helm install --dry-run=client`
// prints it; helm re-lays most errors), and through helm's `tpl`, whose error carries Go's
// text/template message untouched. Outputs and error texts must be identical. Only Go builtins
// (and Sprig's `list`) are used.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TemplateSet } from '../../src/gotemplate/index.ts';
import { parseYamlValues } from '../../src/codec/yaml-values.ts';
import { referenceTool } from '../support/reference-tools.ts';
import type { GoMap } from '../../src/govalue/types.ts';

const VALUES_YAML = `
name: demo
count: 3
ratio: 0.5
enabled: true
off: false
empty: ""
list: [a, b, c]
nested: {a: {b: {c: deep}}, x: 1}
map: {zeta: 1, alpha: 2, Mid: 3}
nothing: null
mixed: [1, "two", null, {k: v}]
`;

const CASES: Record<string, string> = {
  // fields, missing keys and nil
  nilPointer: '{{ .Values.nope.deeper }}',
  nilValue: '{{ .Values.nothing.x }}',
  missingNested: '{{ .Values.nested.nope.x }}',
  fieldOnString: '{{ .Values.name.field }}',
  fieldOnVariable: '{{ $n := .Values.name }}{{ $n.field }}',
  rangeElementField: '{{ range .Values.list }}{{ .x }}{{ end }}',
  rangeNilElementField: '{{ range .Values.mixed }}{{ .k }}{{ end }}',
  longContext: '{{ .Values.nested.a.b.c.d.e.f.g }}',
  secondLine: 'x\ny {{ .Values.nope.deeper }}',
  unicodeColumn: 'é {{ .Values.nope.x }}',
  fieldArguments: '{{ .Values.name "x" }}',
  pipeIntoField: '{{ 1 | .Values.name }}',
  variableArguments: '{{ $x := 1 }}{{ $x 2 }}',
  dotArguments: '{{ . 1 }}',
  stringArguments: '{{ "a" 1 }}',
  nilCommand: '{{ nil }}',
  chainThroughCall: '{{ (index .Values.nested "a").b.c }}',
  dollar: '{{ with .Values.nested }}{{ $.Values.name }}{{ end }}',
  // builtins
  indexAtLength: '{{ index .Values.list 3 }}',
  indexBeyondLength: '{{ index .Values.list 5 }}',
  indexNegative: '{{ index .Values.list -1 }}',
  indexMapWithInt: '{{ index .Values.map 1 }}',
  indexString: '{{ index .Values.name 1 }}',
  indexManyArgs: '{{ index .Values.list 1 2 3 4 5 6 7 8 9 }}',
  lenMissing: '{{ len .Values.nope }}',
  lenNumber: '{{ len .Values.count }}',
  eqMissingNil: '{{ eq .Values.nope nil }}',
  eqMissingString: '{{ eq .Values.nope "x" }}',
  andMissing: '[{{ and .Values.nope 1 }}]',
  andOr: '{{ and 1 "" 3 }}|{{ or 0 "" }}|{{ or .Values.nope "d" }}|{{ and .Values.list .Values.map }}',
  not: '{{ not .Values.list }} {{ not .Values.empty }} {{ not .Values.nope }}',
  eqMany: '{{ eq .Values.name "x" "y" "demo" }} {{ eq 1 2 3 }} {{ ne "a" "a" }}',
  eqFloatInt: '{{ eq .Values.count 3 }}',
  ltIntFloat: '{{ lt 1 2.0 }}',
  ltBool: '{{ eq true true }} {{ lt true false }}',
  ordering: '{{ lt "a" "b" }} {{ ge "b" "b" }} {{ gt 2.5 1.5 }} {{ le 3 2 }}',
  eqMaps: '{{ eq .Values.map .Values.map }}',
  notArgCount: '{{ not 1 2 }}',
  andNoArgs: '{{ and }}',
  printfNumberFormat: '{{ printf 3 }}',
  callNonFunction: '{{ call .Values.name }}',
  html: `{{ html "<a href='x'>&\\"</a>" 1 nil }}`,
  js: '{{ js "it\'s <b> = & \\\\ \u00a0 \u2028 x" }}',
  urlquery: '{{ urlquery "a b&c=d/é~_.-" 3 }}',
  printing: '{{ .Values.nested }} {{ .Values.mixed }} {{ print .Values.nothing }} {{ printf "%v %T %T" .Values.nothing .Values.list .Values.count }}',
  // common chart idioms
  joinIdiom: '{{ range $i, $e := .Values.list }}{{ if $i }},{{ end }}{{ $e }}{{ end }}',
  withDeclaration: '{{ with $x := .Values.name }}{{ $x }}-{{ . }}{{ end }}',
  conditionCombination: '{{ if and .Values.enabled (not .Values.off) }}on{{ end }}{{ if or .Values.off .Values.empty }}x{{ else }}-{{ end }}',
  dollarInRange: '{{ range .Values.list }}{{ $.Values.name }}{{ . }} {{ end }}',
  trimmedList: 'items:\n{{- range .Values.list }}\n- {{ . }}\n{{- end }}\n',
  crlfTrim: 'a\r\n  {{- .Values.name -}}\r\n b',
  trimAtEdges: '{{- .Values.name -}}',
  commentLines: '{{- /* leading comment */ -}}\nx\n{{/* inline */}}y',
  pipedComparison: '{{ eq .Values.name "demo" | not }} {{ .Values.list | len }} {{ "a" | printf "%s-%s" "b" }}',
  mapIndexing: '{{ len .Values.map }} {{ index .Values.map "zeta" }} [{{ index .Values.map "nope" }}]',
  printfFloatAsInt: '{{ printf "%d" .Values.count }} {{ printf "%s" .Values.count }} {{ printf "%v|%5s|%-4d|" .Values.list "r" 7 }}',
  emptyPrints: '[{{ print }}][{{ println }}]',
  indexWithFloat: '{{ index .Values.list 1.0 }}',
  indexWithValuesNumber: '{{ index .Values.list .Values.count }}',
  defineUsesDollar: '{{ define "d" }}{{ $.name }}/{{ .name }}{{ end }}{{ template "d" .Values }}',
  variableInDefine: '{{ $x := 1 }}{{ define "d" }}{{ $x }}{{ end }}',
  elseIfChain: '{{ if eq .Values.count 1.0 }}one{{ else if eq .Values.count 2.0 }}two{{ else if eq .Values.count 3.0 }}three{{ end }}',
  rangeElse: '{{ range .Values.nope }}x{{ else }}none{{ end }}|{{ range .Values.list }}{{ else }}never{{ end }}',
  continueInRange: '{{ range $i, $v := .Values.list }}{{ if eq $i 1 }}{{ continue }}{{ end }}{{ $v }}{{ end }}',
  nestedTemplateVars: '{{ define "inner" }}[{{ . }}]{{ end }}{{ range .Values.list }}{{ template "inner" . }}{{ end }}',
  // literals
  numbers: "{{ 0x1p-2 }} {{ 0x1F }} {{ 1_000.5 }} {{ 0b101 }} {{ 017 }} {{ .5 }} {{ -0 }} {{ +3 }} {{ 1e2 }} {{ 'x' }} {{ '\\n' }}",
  floatOutOfRange: '{{ 1e400 }}',
  uintConstant: '{{ 18446744073709551615 }}',
  integerOverflow: '{{ 99999999999999999999 }}',
  trimmingNumbers: 'a {{- 3}} b {{3 -}} c {{-3}}',
  rawMultiline: '{{ `a\nb` }}',
  // control structures and variables
  elseWith: '{{ with .Values.off }}a{{ else with .Values.empty }}b{{ else with .Values.name }}c{{ . }}{{ else }}d{{ end }}',
  variableScopes: '{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ $x }}{{ end }}{{ $x }}{{ range .Values.list }}{{ $x = . }}{{ end }}{{ $x }}',
  rangeMapVariables: '{{ range $k, $v := .Values.map }}{{ $k }}:{{ $v }},{{ end }}{{ range $v := .Values.map }}{{ $v }}{{ end }}',
  rangeAssign: '{{ $i := 0 }}{{ $v := 0 }}{{ range $i, $v = .Values.list }}{{ end }}{{ $i }}{{ $v }}',
  nestedBreak: '{{ range .Values.list }}{{ range $.Values.list }}{{ if eq . "b" }}{{ break }}{{ end }}{{ . }}{{ end }};{{ end }}',
  rangeTwoVariablesOverInt: '{{ range $i, $v := 3 }}{{ end }}',
  rangeString: '{{ range .Values.name }}{{ . }}{{ end }}',
  rangeFloat: '{{ range .Values.ratio }}{{ . }}{{ end }}',
  withNil: '{{ with .Values.nothing }}x{{ else }}none{{ end }}',
  comment: 'a {{/* c */}} b {{- /* d */ -}} c',
  recursion: '{{ define "r" }}{{ if gt (len .) 0 }}{{ index . 0 }}{{ template "r" (slice . 1) }}{{ end }}{{ end }}{{ template "r" (list "a" "b" "c") }}',
  templateWithoutPipeline: '{{ define "t" }}[{{ . }}]{{ end }}{{ template "t" }}',
  templateNotDefined: '{{ template "nope" . }}',
  infiniteRecursion: '{{ define "r" }}{{ template "r" . }}{{ end }}{{ template "r" . }}',
  assignUndeclared: '{{ $y = 1 }}',
  // parse errors
  strayBrace: '{{ .Values.x } }}',
  unexpectedEOF: '{{ if true }}',
  strayElse: '{{ else }}',
  strayEnd: '{{ end }}',
  breakOutsideRange: '{{ break }}',
  unclosedAction: '{{ .Values',
  badNumber: '{{ 1x }}',
  unterminatedString: '{{ if\n true }}{{ end }} {{ "abc\n }}',
  duplicateDefine: '{{ define "a" }}x{{ end }}{{ define "a" }}y{{ end }}',
  blockThenDefine: '{{ block "b" . }}default{{ end }}{{ define "b" }}over{{ end }}',
  nonExecutableStage: '{{ 1 | 2 }}',
  fieldOfNil: '{{ nil.x }}',
  fieldOfLiteral: '{{ "x".y }}',
  emptyAction: '{{ }}',
  twoDeclarations: '{{ $a, $b := 1 }}',
  threeRangeVariables: '{{ range $a, $b, $c := .Values.list }}{{ end }}',
  undefinedVariable: '{{ $x }}',
  badCharacter: '{{ .Values.a# }}',
  unclosedParen: '{{ (1 }}',
  unexpectedRightParen: '{{ 1) }}',
  unclosedComment: '{{/* x }}',
  commentWithoutDelimiter: '{{/* x */ 1 }}',
  malformedRune: "{{ 'ab' }}",
  badEscape: '{{ "\\q" }}',
  missingIfValue: '{{ if }}{{ end }}',
  keywordAsOperand: '{{ print if }}',
  defineNameNotString: '{{ define x }}{{ end }}',
  defineInsideIf: '{{ if true }}{{ define "a" }}{{ end }}{{ end }}',
  doubleElse: '{{ if true }}{{ else }}{{ else }}{{ end }}',
  undefinedFunction: '{{ nofunc 1 }}',
};

const NOTES = 'gt/templates/NOTES.txt';

/** What helm 4 prints for a Go template error (it re-lays all but "error calling" errors). */
function helmErrorText(goMessage: string): string {
  const parse = /^template: ([^:]+:\d+): (.*)$/s.exec(goMessage);
  if (parse && !/^\d+: executing /.test(parse[2])) {
    return `parse error at (${parse[1]}): ${parse[2].split(': ').pop()}`;
  }
  const exec = /^template: ([^:]+:\d+:\d+): executing ("[^"]*") at <(.*?)>: (.*)$/s.exec(goMessage);
  if (exec && !exec[4].startsWith('error calling ')) {
    return `${exec[1]}\n  executing ${exec[2]} at <${exec[3]}>:\n    ${exec[4]}`.trimEnd();
  }
  return goMessage;
}

function runHelm(chartDir: string): string {
  try {
    const out = execFileSync(referenceTool('helm4'), ['install', 'x', chartDir, '--dry-run=client'], {
      encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TZ: 'UTC' },
    });
    return out.slice(out.indexOf('NOTES:\n') + 'NOTES:\n'.length);
  } catch (err) {
    const stderr = String((err as { stderr?: string }).stderr);
    return `ERROR ${stderr.replace(/^Error: INSTALLATION FAILED: /, '').trimEnd()}`;
  }
}

function renderNotesWithHelm(chartDir: string, text: string): string {
  writeFileSync(join(chartDir, 'values.yaml'), VALUES_YAML);
  writeFileSync(join(chartDir, 'templates', 'NOTES.txt'), text);
  return runHelm(chartDir);
}

/** The template as a YAML value; non-ASCII escaped, since YAML folds U+2028 and friends as line breaks. */
function yamlString(text: string): string {
  return JSON.stringify(text).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The case through `tpl`: its output, or the Go error text inside helm's tpl error. */
function renderTplWithHelm(chartDir: string, text: string): string {
  writeFileSync(join(chartDir, 'values.yaml'), `${VALUES_YAML}tpl: ${yamlString(text)}\n`);
  writeFileSync(join(chartDir, 'templates', 'NOTES.txt'), '{{ tpl .Values.tpl . }}');
  const out = runHelm(chartDir);
  if (!out.startsWith('ERROR ')) return out;
  const goError = out.indexOf(': template: gotpl');
  return goError < 0 ? out : `ERROR ${out.slice(goError + 2)}`;
}

/** Renders with the engine under `name`; errors come back in Go's text or helm's layout of it. */
function renderWithEngine(name: string, text: string, values: GoMap, errorText: (goMessage: string) => string): string {
  // helm's own functions are not registered: `list` is the one Sprig helper the cases use.
  const list = { goFunc: true as const, name: 'list', arity: 0, variadic: true, call: (args: GoMap[keyof GoMap][]) => args };
  try {
    const set = new TemplateSet({ funcs: { list }, missingKey: 'zero' });
    set.parse(name, text);
    // helm removes "<no value>" and prints NOTES trimmed, followed by a line break
    return `${set.execute(name, { Values: values }).replaceAll('<no value>', '').trim()}\n`;
  } catch (err) {
    return `ERROR ${errorText((err as Error).message)}`;
  }
}

describe('template engine against helm v4', () => {
  const chartDir = mkdtempSync(join(tmpdir(), 'hookline-template-diff-'));
  mkdirSync(join(chartDir, 'templates'));
  writeFileSync(join(chartDir, 'Chart.yaml'), 'apiVersion: v2\nname: gt\nversion: 0.1.0\n');
  for (const [name, text] of Object.entries(CASES)) {
    test(name, () => {
      const values = parseYamlValues(VALUES_YAML, 'values.yaml') as GoMap;
      assert.equal(renderWithEngine(NOTES, text, values, helmErrorText), renderNotesWithHelm(chartDir, text), `template: ${JSON.stringify(text)}`);
    });
    test(`${name} (through tpl)`, () => {
      const values = parseYamlValues(`${VALUES_YAML}tpl: ${yamlString(text)}\n`, 'values.yaml') as GoMap;
      assert.equal(renderWithEngine('gotpl', text, values, (goMessage) => goMessage), renderTplWithHelm(chartDir, text), `template: ${JSON.stringify(text)}`);
    });
  }
  test('cleanup', () => rmSync(chartDir, { recursive: true, force: true }));
});
