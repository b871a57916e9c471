// toToml and fromToml against helm (BurntSushi/toml).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlValues } from '../../src/codec/yaml-values.ts';
import { toToml } from '../../src/codec/go-toml-encode.ts';
import { goTomlUnmarshal } from '../../src/codec/go-toml-decode.ts';
import { goJsonMarshal } from '../../src/codec/go-json.ts';
import type { GoMap, GoValue } from '../../src/govalue/types.ts';
import { goTypeName } from '../../src/funcs/arg-types.ts';
import { helmRender } from './helm-render.ts';
import { trickyValues } from './tricky-values.ts';

test('toToml of a values file and each of its groups matches helm', () => {
  const values = parseYamlValues(trickyValues, 'values.yaml') as GoMap;
  const groups = Object.keys(values);
  const helm = helmRender(trickyValues, ['{{ toToml .Values }}', ...groups.map((g) => `{{ toToml .Values.${g} }}`)]);
  assert.equal(toToml(values), helm[0]);
  groups.forEach((g, i) => assert.equal(toToml(values[g]), helm[i + 1], g));
});

test('toToml of template values: tables, arrays of tables, inline tables, top-level scalars, errors', () => {
  const cases: [string, GoValue][] = [
    ['"x"', 'x'], ['1', 1n], ['1.5', 1.5], ['true', true], ['(list 1 2)', [1n, 2n]], ['(list (dict "a" 1))', [{ a: 1n }]],
    ['(dict "a" (list (dict "x" 1) 2))', { a: [{ x: 1n }, 2n] }],
    ['(dict "a" (list (dict "x" 1) (dict "y" (dict "z" 2))))', { a: [{ x: 1n }, { y: { z: 2n } }] }],
    ['(dict "n" nil "a" (dict "b" (dict "c" 1) "d" 2) "e" 3)', { n: null, a: { b: { c: 1n }, d: 2n }, e: 3n }],
    ['(dict "a" (list 1 nil))', { a: [1n, null] }],
    ['(dict "i" 5 "f" 1e21 "g" 1e-7 "h" 0.1 "j" 1234567.0 "k" 3.0 "l" (list))', { i: 5n, f: 1e21, g: 1e-7, h: 0.1, j: 1234567, k: 3, l: [] }],
    ['(dict "a b" (dict "c.d" 1 "" 2) "é" 1 "q" "say \\"hi\\"\\t\\u007f")', { 'a b': { 'c.d': 1n, '': 2n }, é: 1n, q: 'say "hi"\t\x7f' }],
  ];
  const helm = helmRender('', cases.map(([expr]) => `{{ toToml ${expr} }}`));
  cases.forEach(([expr, value], i) => assert.equal(toToml(value), helm[i], expr));
});

test('fromToml gives int64, float64 and times as helm does', () => {
  const docs = [
    'a = 1\nb = 1.5\nc = 1979-05-27T07:32:00Z\nd = 1979-05-27\ne = [1, "x"]\n[t]\nx = 9223372036854775807\n',
    'c = 1979-05-27T07:32:00-05:00\n[[p]]\nn = "a"\n[[p]]\nn = "b"\n', 'inline = {x = 1, y = [true, false]}\nlist = [{a = 1}]\n[[a."b.c"]]\nz = 1\n',
  ];
  const helm = helmRender('', docs.map((doc) =>
    `{{ $m := fromToml ${JSON.stringify(doc)} }}{{ toJson $m }}|{{ range $k, $v := $m }}{{ $k }}={{ typeOf $v }};{{ end }}`));
  docs.forEach((doc, i) => {
    const decoded = goTomlUnmarshal(doc);
    const types = Object.keys(decoded).sort().map((k) => `${k}=${goTypeName(decoded[k])};`).join('');
    assert.equal(`${goJsonMarshal(decoded)}|${types}`, helm[i], doc);
  });
});

test('fromToml reports a syntax error with the line helm names', () => {
  const docs = ['a = \n', 'a = 1\na = 2\n', 'b = "unterminated\n'];
  const helm = helmRender('', docs.map((doc) => `{{ (fromToml ${JSON.stringify(doc)}).Error }}`));
  docs.forEach((doc, i) => {
    const line = /^toml: line (\d+)/.exec(helm[i])?.[1];
    assert.ok(line, helm[i]);
    assert.throws(() => goTomlUnmarshal(doc), new RegExp(`^Error: toml: line ${line}: `), doc);
  });
});
