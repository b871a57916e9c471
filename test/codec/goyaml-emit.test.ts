// toYaml and toYamlPretty against helm, value by value over the tricky values file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlValues } from '../../src/codec/yaml-values.ts';
import fc from 'fast-check';
import { marshalYaml, marshalYamlRoundTrip, toYaml } from '../../src/codec/goyaml-emit.ts';
import { toYamlPretty } from '../../src/codec/goyaml-pretty.ts';
import { GoInteger, type GoMap, type GoValue } from '../../src/govalue/types.ts';
import { helmRender } from './helm-render.ts';
import { trickyValues } from './tricky-values.ts';

const values = parseYamlValues(trickyValues, 'values.yaml') as GoMap;

/** Every leaf and group path of the values, as `index` arguments. */
function paths(): string[][] {
  const out: string[][] = [[]];
  for (const [group, inner] of Object.entries(values)) {
    out.push([group]);
    for (const key of Object.keys(inner as GoMap)) out.push([group, key]);
  }
  return out;
}

const at = (path: string[]) => path.reduce<GoValue>((v, k) => (v as GoMap)[k], values);
const indexExpr = (path: string[]) => path.length === 0 ? '.Values' : `(index .Values ${path.map((p) => JSON.stringify(p)).join(' ')})`;

for (const [name, fn] of [['toYaml', toYaml], ['toYamlPretty', toYamlPretty]] as const) {
  test(`${name} writes every value as helm does`, () => {
    const all = paths();
    const helm = helmRender(trickyValues, all.map((p) => `{{ ${name} ${indexExpr(p)} }}`));
    all.forEach((p, i) => assert.equal(fn(at(p)), helm[i], p.join('.')));
  });
}

test('toYaml and toYamlPretty of template-made values: ints, nil, top-level scalars', () => {
  const cases: [string, GoValue][] = [
    ['"abc"', 'abc'], ['"a\\nb"', 'a\nb'], ['"a\\n\\n"', 'a\n\n'], ['1', 1n], ['1.5', 1.5], ['nil', null], ['""', ''],
    ['(list 1 "a")', [1n, 'a']], ['(dict "a" "x\\n\\n")', { a: 'x\n\n' }], ['"- a"', '- a'], ['(list "a\\n\\n")', ['a\n\n']],
    ['(int64 7)', new GoInteger('int64', 7n)], ['1e6', 1e6], ['(dict "k" (list (list)))', { k: [[]] }],
    ['(list (dict "a" 1 "b" (list 1 2)))', [{ a: 1n, b: [1n, 2n] }]],
  ];
  const helm = helmRender('', cases.flatMap(([expr]) => [`{{ toYaml ${expr} }}`, `{{ toYamlPretty ${expr} }}`]));
  cases.forEach(([expr, value], i) => {
    assert.equal(toYaml(value), helm[2 * i], `toYaml ${expr}`);
    assert.equal(toYamlPretty(value), helm[2 * i + 1], `toYamlPretty ${expr}`);
  });
});

test('toYaml fails (gives "") on keys libyaml cannot read back from the JSON', () => {
  const keys = ['x'.repeat(1022), 'x'.repeat(1023), 'x'.repeat(1000) + '<'.repeat(12), 'x'.repeat(1000) + 'é'.repeat(12), 'a\u0085b'];
  const values = keys.map((k, i) => `k${i}: ${JSON.stringify(k).replace('\u0085', '\\u0085')}`).join('\n') + '\n';
  const helm = helmRender(values, keys.map((_, i) => `{{ toYaml (dict .Values.k${i} 1) }}`));
  keys.forEach((k, i) => assert.equal(toYaml({ [k]: 1n }), helm[i], `key of ${k.length} characters`));
});

test('toYaml without the JSON text gives what the JSON round trip gives', () => {
  const strings = fc.oneof(fc.string(), fc.constantFrom('1', '1.0', 'true', 'y', '~', 'a\nb', 'x\u0085y', ' a ', 'é😀', '\ud800', '0x1F', '1e3', '<>&', ''),
    fc.string({ unit: 'grapheme', maxLength: 5 }));
  const values: fc.Arbitrary<GoValue> = fc.letrec<{ v: GoValue }>((tie) => ({
    v: fc.oneof({ depthSize: 'small' },
      strings, fc.boolean(), fc.constant(null), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
      fc.double(), fc.constantFrom(0, -0, 1e21, 1e20, 0.1, 3, -2.5, 1e-7, Number.NaN, Infinity),
      fc.array(tie('v'), { maxLength: 3 }),
      fc.dictionary(fc.oneof(strings, fc.constantFrom('a'.repeat(200), 'k\u0085')), tie('v'), { maxKeys: 3 })),
  })).v;
  fc.assert(fc.property(values, (v) => {
    const outcome = (f: () => string) => { try { return f(); } catch (err) { return `error: ${(err as Error).message}`; } };
    assert.equal(outcome(() => marshalYaml(v)), outcome(() => marshalYamlRoundTrip(v)));
  }), { numRuns: 3000, seed: 3 });
});
