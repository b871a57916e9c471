// fast-check over the Go template engine (lexer, parser, executor): token soup, grammar-built
// templates and mutations of them either render or fail with Go's "template: NAME:" errors, and
// always terminate; a sample of the templates that render is rendered by helm too, alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TemplateSet } from '../../src/gotemplate/index.ts';
import type { GoMap } from '../../src/govalue/types.ts';
import { yamlToGo } from '../../src/codec/yaml-values.ts';
import { helmSnippets } from '../support/helm-snippets.ts';
import { cleanly, fuzzRuns } from './clean-failure.ts';

const valuesYaml = 'a:\n  b: deep\nlist: [x, y, null, {k: 1}]\nm: {one: 1, two: 2.5}\ns: str\nn: null\n';
const data: GoMap = { Values: yamlToGo(valuesYaml) as GoMap };

const tokens = ['{{', '}}', '{{-', '-}}', ' ', '\n', '|', '(', ')', ':=', '=', ',', '.', '$', '$x', '.Values', '.Values.a.b',
  '.Values.list', '"s"', '`r`', "'c'", '1', '-2', '3.5', '0x1F', '1e3', 'true', 'nil', 'if', 'else', 'end', 'range', 'with',
  'define', 'template', 'block', 'break', 'continue', 'and', 'or', 'not', 'len', 'index', 'slice', 'eq', 'lt', 'print',
  'printf', 'html', 'js', 'urlquery', '/*', '*/', '}', '{', '\\', '"', 'é'];

const operand = fc.constantFrom('.', '.Values.a', '.Values.a.b', '.Values.list', '.Values.m', '.Values.m.one', '.Values.s', '.Values.n', '$', '$.Values.s', '1', '"q"', '3.5', 'true', 'nil');
const call = fc.tuple(fc.constantFrom('len', 'index', 'not', 'eq', 'lt', 'and', 'or', 'print', 'printf', 'html', 'js', 'urlquery', 'slice'), operand, fc.option(operand))
  .map(([f, a, b]) => `${f} ${a}${b ? ` ${b}` : ''}`);
const pipeline = fc.oneof(operand, call, fc.tuple(operand, call).map(([o, c]) => `${o} | ${c}`));

/** Well-formed templates built from the grammar, so that execution is reached often. */
const structured: fc.Arbitrary<string> = fc.letrec<{ t: string }>((tie) => ({
  t: fc.oneof({ depthSize: 'small', withCrossShrink: true },
    pipeline.map((p) => `{{ ${p} }}`),
    fc.constant('text\n'),
    fc.tuple(pipeline, tie('t'), tie('t')).map(([p, a, b]) => `{{ if ${p} }}${a}{{ else }}${b}{{ end }}`),
    fc.tuple(pipeline, tie('t')).map(([p, a]) => `{{ range $i, $v := ${p} }}${a}{{ end }}`),
    fc.tuple(pipeline, tie('t')).map(([p, a]) => `{{ with ${p} }}${a}{{ end }}`),
    fc.tuple(pipeline).map(([p]) => `{{- $x := ${p} -}}{{ $x }}`),
    fc.tuple(tie('t'), tie('t')).map(([a, b]) => a + b),
  ),
})).t;

const soup = fc.array(fc.constantFrom(...tokens), { maxLength: 30 }).map((parts) => parts.join(''));
/** A structured template with a slice cut out or random text spliced in. */
const mutated = fc.tuple(structured, fc.nat(), fc.nat(), fc.string({ maxLength: 6 })).map(([t, i, j, s]) => {
  const a = i % (t.length + 1);
  const b = a + (j % 5);
  return t.slice(0, a) + s + t.slice(b);
});

function render(text: string): string | undefined {
  const set = new TemplateSet({ funcs: {}, missingKey: 'zero' });
  return cleanly(() => {
    set.parse('fuzz.tpl', text);
    return set.execute('fuzz.tpl', data);
  }, /^template: fuzz\.tpl:/, text);
}

for (const [kind, arbitrary] of [['token soup', soup], ['structured templates', structured], ['mutated templates', mutated]] as const) {
  test(`template engine: ${kind} render or fail with a template error naming the template`, () => {
    fc.assert(fc.property(arbitrary, (text) => { render(text); }), fuzzRuns(1500));
  });
}

test('template engine: a sample of rendering templates renders the same with helm', () => {
  // helm's root context holds more than .Values (Release, Chart, ...): templates printing the
  // root (`.` or `$` alone) cannot match and are left out.
  const printsRoot = /(^|[\s(])[.$](?=[\s)}|])/;
  const sample = fc.sample(structured, { seed: 7, numRuns: 300 }).filter((t) => !printsRoot.test(t) && render(t) !== undefined).slice(0, 40);
  assert.ok(sample.length >= 20, `enough of the sample renders to compare (${sample.length})`);
  // Sentinels keep helmSnippets' trim markers off the template's own leading and trailing text.
  const helm = helmSnippets(sample.map((t) => `<${t}>`), { values: valuesYaml });
  const ours = sample.map((t) => `<${render(t)}>`);
  sample.forEach((t, i) => assert.equal(ours[i], helm[i], `template ${JSON.stringify(t)}`));
});
