// Coalescing nuances (nulls, tables vs scalars, warnings), schema validation and the
// kubeVersion check, each compared with helm 4.1.4.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { coalesceValues } from '../../src/chart/coalesce.ts';
import { processDependencies } from '../../src/chart/dependencies.ts';
import { checkKubeVersion } from '../../src/chart/kube-version.ts';
import { loadChart } from '../../src/chart/load.ts';
import { validateValuesAgainstSchemas } from '../../src/chart/schema.ts';
import { mergeValueSources } from '../../src/values/merge-sources.ts';
import { canonicalJson, helmError, helmTemplate, renderedComments, writeChart } from './helm-reference.ts';

const printValues = '# {{ toJson .Values }}\n';

/** Runs our pipeline the way helm template does, returning values, warnings or the error. */
function hookline(dir: string, set: string[], kubeVersion = 'v1.35.0'): { values?: string; error?: string; warnings: string[] } {
  const warnings: string[] = [];
  try {
    const chart = loadChart(dir);
    const user = mergeValueSources({ set });
    checkKubeVersion(chart, kubeVersion);
    processDependencies(chart, user, (_l, m) => warnings.push(m));
    const values = coalesceValues(chart, user, (_l, m) => warnings.push(m));
    validateValuesAgainstSchemas(chart, values);
    return { values: canonicalJson(values), warnings };
  } catch (err) {
    return { error: (err as Error).message, warnings };
  }
}

function helm(dir: string, set: string[]): { values?: string; error?: string; warnings: string[] } {
  const run = helmTemplate(dir, ['--show-only', 'templates/values.yaml', ...set.flatMap((s) => ['--set', s])]);
  const warnings = [...run.stderr.matchAll(/^level=\w+ msg="(.*)"$/gm)].map((m) => JSON.parse(`"${m[1]}"`) as string);
  if (run.status !== 0) {
    // Schema errors span lines, and helm lists them in Go map order.
    return { error: run.stderr.slice('Error: '.length).trimEnd(), warnings };
  }
  const text = [...renderedComments(run.stdout).values()][0];
  return { values: canonicalJson(JSON.parse(text)), warnings };
}

/** Error lines in a stable order; helm lists properties, and names within a line, in Go map order. */
function normalizedLines(text: string | undefined): string[] {
  const sortNames = (line: string) => line.replace(/((?:'[^']*'(?:, )?)+)(?= not allowed)/, (names) => names.split(', ').sort().join(', '));
  return (text ?? '').trimEnd().split('\n').map(sortNames).sort();
}

function sameLines(a: string | undefined, b: string | undefined): void {
  assert.deepEqual(normalizedLines(a), normalizedLines(b));
}

describe('coalescing matches helm', () => {
  const chart = writeChart({
    'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
    'values.yaml': 'scalar: 1\ntable:\n  a: 1\n  b: {x: 1}\n  n: null\nnullDefault: null\nlist: [1, 2]\n',
    'templates/values.yaml': printValues,
    'charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.1.0\n',
    'charts/sub/values.yaml': 'keep: 1\nsubNull: null\nnested: {a: 1, n: null}\nglobal: {g: sub, t: {a: 1}}\n',
    'charts/sub/templates/values.yaml': printValues,
  });
  after(() => chart.cleanup());
  const cases: Record<string, string[]> = {
    'defaults (nulls in defaults are kept)': [],
    'user null removes a default': ['scalar=null,table.a=null,sub.keep=null'],
    'user null for a key without default is kept': ['table.new=null,sub.nested.q=null'],
    'scalar over a table is kept without warning': ['table=5'],
    'table over a scalar warns': ['scalar.x=1'],
    'scalar inside table over a nested table warns': ['table.b=3'],
    'globals flow down, parent wins': ['global.g=parent,global.t.b=2'],
    'subchart values under its name': ['sub.nested.a=2,sub.extra=x'],
    'non-table global in the parent is skipped with a warning': ['global=1'],
    'non-table global in the subchart is skipped with a warning': ['sub.global=1'],
    'table over a null default is taken silently': ['nullDefault.x=1,table.n.y=2'],
    'global table over a subchart global scalar': ['global.g.x=1'],
  };
  for (const [name, set] of Object.entries(cases)) {
    test(name, () => {
      assert.deepEqual(hookline(chart.dir, set), helm(chart.dir, set));
    });
  }
  test('subchart values must be a table', () => {
    const ours = hookline(chart.dir, ['sub=1']);
    assert.equal(ours.error, helmError(helmTemplate(chart.dir, ['--set', 'sub=1'])));
  });
});

describe('values.schema.json as helm validates it', () => {
  const chart = writeChart({
    'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
    'values.yaml': 'b: x\n',
    'values.schema.json': JSON.stringify({
      type: 'object', additionalProperties: false, required: ['b'],
      properties: {
        a: { type: 'string' }, b: { type: 'string', minLength: 2, pattern: '^z' }, c: { const: 'k' }, e: { enum: ['one'] },
        f: { type: ['string', 'null'] }, g: { type: 'array', minItems: 2, items: { type: 'integer' } },
        h: { type: 'number', exclusiveMinimum: 3, multipleOf: 2 }, i: { enum: [1, 2] }, sub: { type: 'object' }, global: {},
      },
    }),
    'templates/values.yaml': printValues,
    'charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.1.0\n',
    'charts/sub/values.yaml': 'q: 1\n',
    'charts/sub/values.schema.json': '{"$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "required": ["z", "y"], "properties": {"q": {"type": "string"}, "r": {"properties": {"s": {"maximum": 3}}}}}',
    'charts/sub/templates/values.yaml': printValues,
  });
  after(() => chart.cleanup());
  const cases: Record<string, string[]> = {
    'many failures in parent and subchart': ['a=1,c=j,e=two,f=1,x=1,y=2,g[0]=1.5,h=3,i=3,sub.r.s=5'],
    'only the subchart fails': ['b=zz,sub.q=x,sub.z=1'],
    'conforming values': ['b=zz,sub.q=x,sub.z=1,sub.y=1'],
  };
  for (const [name, set] of Object.entries(cases)) {
    test(name, () => {
      const ours = hookline(chart.dir, set);
      const theirs = helm(chart.dir, set);
      assert.equal(ours.values, theirs.values);
      sameLines(ours.error, theirs.error);
    });
  }
});

describe('"format" in values.schema.json: asserted by draft 07, an annotation from 2019-09', () => {
  const formatSchema = (draft: string) => JSON.stringify({ $schema: draft, type: 'object', properties: { mail: { type: 'string', format: 'email' } } });
  const chart = writeChart({
    'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
    'values.yaml': 'mail: a@example.org\n',
    'values.schema.json': formatSchema('http://json-schema.org/draft-07/schema#'),
    'templates/values.yaml': printValues,
    ...Object.fromEntries(Object.entries({ s2019: 'https://json-schema.org/draft/2019-09/schema', s2020: 'https://json-schema.org/draft/2020-12/schema', bare: 'http://json-schema.org/schema#' })
      .flatMap(([sub, draft]) => [
        [`charts/${sub}/Chart.yaml`, `apiVersion: v2\nname: ${sub}\nversion: 0.1.0\n`],
        [`charts/${sub}/values.yaml`, 'mail: a@example.org\n'],
        [`charts/${sub}/values.schema.json`, formatSchema(draft)],
      ])),
  });
  after(() => chart.cleanup());
  const cases: Record<string, string[]> = {
    'valid addresses everywhere': [],
    'invalid addresses everywhere: only the draft-07 chart fails': ['mail=nope,s2019.mail=nope,s2020.mail=nope,bare.mail=nope'],
    'invalid addresses in the later drafts only: values conform': ['s2019.mail=nope,s2020.mail=nope,bare.mail=nope'],
  };
  for (const [name, set] of Object.entries(cases)) {
    test(name, () => {
      const ours = hookline(chart.dir, set);
      const theirs = helm(chart.dir, set);
      assert.equal(ours.values, theirs.values);
      // Which charts fail, and where; helm adds the format checker's reason (": missing @").
      const places = (error?: string) => error?.replace(/(is not valid email).*$/gm, '$1');
      sameLines(places(ours.error), places(theirs.error));
    });
  }
});

describe('kubeVersion constraint', () => {
  for (const range of ['>=1.20.0', '>=1.99.0', '<1.30.0 || >=1.35.0-0', 'not-a-range']) {
    test(range, () => {
      const chart = writeChart({
        'Chart.yaml': `apiVersion: v2\nname: c\nversion: 0.1.0\nkubeVersion: "${range}"\n`,
        'templates/values.yaml': printValues,
      });
      try {
        const ours = hookline(chart.dir, []);
        const run = helmTemplate(chart.dir, ['--kube-version', '1.35.0']);
        if (run.status === 0) assert.equal(ours.error, undefined);
        else assert.equal(ours.error, helmError(run));
      } finally {
        chart.cleanup();
      }
    });
  }
});
