// Property test of the template engine: random token soup and random well-formed templates
// must either render or fail with the engine's own template errors (Go's messages), never
// with a JavaScript TypeError/RangeError, and always terminate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TemplateSet } from '../../src/gotemplate/index.ts';
import { goFunc, type GoMap } from '../../src/govalue/types.ts';
import { seededRandom } from '../support/seeded-random.ts';


const SOUP = [
  '{{', '}}', '{{-', '-}}', '{{- ', ' -}}', '/*', '*/', ' ', '\n', '|', '(', ')', ':=', '=', ',', '.', '$', '$x', '$v',
  '.a', '.a.b', '.list', '.m', '"s"', '`r`', "'c'", '1', '-2', '3.5', '0x1F', '1e3', '1_0', 'true', 'nil',
  'if', 'else', 'end', 'range', 'with', 'define', 'template', 'block', 'break', 'continue', '"t"',
  'and', 'or', 'not', 'len', 'index', 'slice', 'eq', 'ne', 'lt', 'print', 'printf', 'html', 'js', 'urlquery', 'call',
  'fail', 'echo', 'text', '}', '{', '#', 'é', '\\', '"',
];

const DATA: GoMap = {
  a: { b: 'deep' },
  list: ['x', 'y', null, { k: 1 }],
  m: { one: 1n, two: 2.5 },
  s: 'str',
  n: null,
};

const FUNCS = {
  fail: goFunc('fail', () => { throw new Error('boom'); }),
  echo: goFunc('echo', (v) => v),
};

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** A template built from grammar pieces, so parsing succeeds often enough to exercise execution. */
function structuredTemplate(random: () => number, depth = 0): string {
  const operand = () => pick(random, ['.', '.a', '.a.b', '.list', '.m', '.m.one', '.s', '.n', '.n.x', '$', '$.s', '1', '"q"', '3.5', 'true', 'nil']);
  const call = () => `${pick(random, ['len', 'index', 'not', 'eq', 'lt', 'and', 'or', 'print', 'printf', 'html', 'echo', 'fail', 'slice', 'call'])} ${operand()} ${random() < 0.5 ? operand() : ''}`;
  const pipeline = () => (random() < 0.5 ? operand() : random() < 0.5 ? call() : `${operand()} | ${call()}`);
  const body = () => (depth < 3 ? structuredTemplate(random, depth + 1) : 'x');
  const pieces = [
    () => `{{ ${pipeline()} }}`,
    () => `{{ if ${pipeline()} }}${body()}{{ else }}${body()}{{ end }}`,
    () => `{{ range $i, $v := ${pipeline()} }}${body()}{{ if $v }}{{ break }}{{ end }}{{ end }}`,
    () => `{{ with ${pipeline()} }}${body()}{{ else with ${operand()} }}y{{ end }}`,
    () => `{{ define "d${depth}" }}${body()}{{ end }}{{ template "d${depth}" ${operand()} }}`,
    () => `{{- $x := ${pipeline()} -}}{{ $x }}`,
    () => 'text\n',
  ];
  let out = '';
  const count = 1 + Math.floor(random() * 4);
  for (let i = 0; i < count; i++) out += pick(random, pieces)();
  return out;
}

function soupTemplate(random: () => number): string {
  let out = '';
  const count = 1 + Math.floor(random() * 25);
  for (let i = 0; i < count; i++) out += pick(random, SOUP) + (random() < 0.4 ? ' ' : '');
  return out;
}

/** Renders; returns the failure if anything but a template error was thrown. */
function render(text: string): Error | null {
  const set = new TemplateSet({ funcs: FUNCS, missingKey: 'zero' });
  try {
    set.parse('fuzz.tpl', text);
    set.execute('fuzz.tpl', DATA);
  } catch (err) {
    if (!(err instanceof Error)) return new Error(`threw a non-Error: ${String(err)}`);
    // Go's template errors all start with "template: "
    if (err instanceof TypeError || err instanceof RangeError || err instanceof ReferenceError || !err.message.startsWith('template: ')) {
      return err;
    }
  }
  return null;
}

for (const [kind, generate] of [['token soup', soupTemplate], ['structured templates', structuredTemplate]] as const) {
  test(`${kind} only ever fail with template errors`, () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= 1500; seed++) {
      const text = generate(seededRandom(seed));
      const failure = render(text);
      if (failure) failures.push(`seed ${seed}: ${JSON.stringify(text)} -> ${failure.name}: ${failure.message.slice(0, 200)}`);
    }
    assert.deepEqual(failures.slice(0, 10), [], `${failures.length} templates failed with non-template errors`);
  });
}

test('deep template recursion ends with an error instead of hanging', () => {
  const set = new TemplateSet({ funcs: {} });
  set.parse('loop.tpl', '{{ define "r" }}{{ template "r" . }}{{ end }}{{ template "r" . }}');
  assert.throws(() => set.execute('loop.tpl', null), (err: Error) => err.message.startsWith('template: ') && /exceeded maximum template depth/.test(err.message));
});
