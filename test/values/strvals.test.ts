// Differential tests of the --set family parser and value-source merging against helm
// 4.1.4: the resulting values (with Go types) and the error texts.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isGoMap, GoInteger, type GoValue } from '../../src/govalue/types.ts';
import { mergeValueSources, type ValueSources } from '../../src/values/merge-sources.ts';
import { canonicalJson, helmError, helmTemplate, renderedComments, writeChart } from '../chart/helm-reference.ts';

// Prints the values as JSON and every value's Go type, recursively (.Values itself is
// helm's common.Values, so the walk starts at its entries).
const typesTemplate = `{{- define "types" -}}{{ printf "%T" . }}{{ if kindIs "map" . }}{ {{- range $k, $x := . }}{{ $k }}:{{ include "types" $x }},{{ end -}} }{{ else if kindIs "slice" . }}[{{ range . }}{{ include "types" . }},{{ end }}]{{ end }}{{- end -}}
# {{ toJson .Values }}
# types: {{ range $k, $v := .Values }}{{ $k }}:{{ include "types" $v }},{{ end }}
`;
const chart = writeChart({
  'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
  'templates/values.yaml': typesTemplate,
  'one.yaml': 'a: 1\nb:\n  c: one\n  d: [1, 2]\nl: [x]\n',
  'two.yaml': 'b:\n  c: two\n  e: true\nl: [y, z]\n---\nf: 1.5\n',
  'file.txt': 'line1\nline2\n',
});
after(() => chart.cleanup());

function goTypes(v: GoValue): string {
  if (v === null) return '<nil>';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'float64';
  if (v instanceof GoInteger) return v.kind;
  if (Array.isArray(v)) return `[]interface {}[${v.map((x) => `${goTypes(x)},`).join('')}]`;
  if (isGoMap(v)) return `map[string]interface {}{${Object.keys(v).sort().map((k) => `${k}:${goTypes(v[k])},`).join('')}}`;
  throw new Error(`unexpected value ${String(v)}`);
}

type ValueFlag = Exclude<keyof ValueSources, 'fetched'>;
const flagOf: Record<ValueFlag, string> = {
  valueFiles: '-f', set: '--set', setString: '--set-string', setFile: '--set-file', setJson: '--set-json', setLiteral: '--set-literal',
};

function compare(sources: Partial<ValueSources>, stdin?: string): void {
  const args = Object.entries(sources).flatMap(([k, list]) => (list as string[]).flatMap((v) => [flagOf[k as ValueFlag], v]));
  const cwd = process.cwd();
  process.chdir(chart.dir); // file names are relative to the chart, for both tools
  let ours: { json: string; types: string } | { error: string };
  try {
    const values = mergeValueSources(sources, () => stdin ?? '');
    ours = { json: canonicalJson(values), types: Object.keys(values).sort().map((k) => `${k}:${goTypes(values[k])},`).join('') };
  } catch (err) {
    ours = { error: (err as Error).message };
  } finally {
    process.chdir(cwd);
  }
  const run = helmTemplate(chart.dir, ['--show-only', 'templates/values.yaml', ...args], stdin, chart.dir);
  if (run.status !== 0) {
    assert.deepEqual(ours, { error: helmError(run) });
    return;
  }
  const [json, types] = [...renderedComments(run.stdout).values()][0].split(/\n# types: ?/);
  assert.deepEqual(ours, { json: canonicalJson(JSON.parse(json)), types });
}

describe('--set matches helm', () => {
  const lines = [
    'a=1', 'a=0,b=01,c=-5,d=+7,e=1.5,f=0x10,g=9223372036854775808', 'a=true,b=FALSE,c=Null,d=null,e=', 'a.b.c=d',
    'a[0]=x,a[2]=z', 'a[1].b=1,a[0].c=2', 'a[0][1]=x', 'a={x,y,1}', 'a={}', 'a.b={1,2},a.c=d', 'a\\.b=c,d=e\\,f',
    'a=b=c', 'name=va\\lue', 'a.b', 'a', 'a=1,', 'a[x]=1', 'a[-1]=1', 'a[70000]=1', 'a=1,a.b=2', 'a.b=1,a[0]=2',
    'a[0]x=1', 'a={x,y', ',a=1', 'a..b=1', '.a=1', 'a[0]', 'a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.aa.ab.ac.ad.ae.af=1',
  ];
  for (const line of lines) test(line, () => compare({ set: [line] }));
  test('later --set wins and merges', () => compare({ set: ['a.b=1,a.c=2', 'a.b=3,d[1]=x', 'd[0]=y'] }));
});

describe('--set-string, --set-json, --set-literal, --set-file match helm', () => {
  test('set-string keeps strings', () => compare({ setString: ['a=1,b=true,c=null,d={1,2},e[0]=3'] }));
  test('set-json values', () => compare({ setJson: ['a=[1, "x", {"b": null}],c=', 'd={"e":1.5e3}', 'f="s"', 'g[1]=true'] }));
  test('set-json whole object', () => compare({ setJson: ['{"a": {"b": 1}, "c": [1]}'] }));
  test('set-json bad object', () => compare({ setJson: ['{bad'] }));
  test('set-json bad value', () => compare({ setJson: ['a=[1'] }));
  test('set-literal takes the rest of the line', () => compare({ setLiteral: ['a.b=x,y={z}\\n'] }));
  test('set-file reads the file', () => compare({ setFile: ['a=file.txt'] }));
  test('set-file missing file', () => compare({ setFile: ['a=missing.txt'] }));
});

describe('value sources combine in helm order', () => {
  test('-f files deep-merge, later wins, multi-document', () => compare({ valueFiles: ['one.yaml', 'two.yaml'] }));
  test('flags override files in helm order', () => compare({
    valueFiles: ['one.yaml'], set: ['a=2,s=1'], setString: ['a=3'], setJson: ['a=4,j=1'], setLiteral: ['a=5'], setFile: ['b.c=file.txt'],
  }));
  test('values from stdin', () => compare({ valueFiles: ['-'] }, 'x: 1\ny: [a]\n'));
  test('missing values file', () => compare({ valueFiles: ['nope.yaml'] }));
});
