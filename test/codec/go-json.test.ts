// Go's encoding/json as helm's toJson, Sprig's toPrettyJson/toRawJson and fromJson see it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlValues } from '../../src/codec/yaml-values.ts';
import { goJsonMarshal } from '../../src/codec/go-json.ts';
import { goJsonUnmarshal } from '../../src/codec/go-json-decode.ts';
import { GoInteger, type GoValue } from '../../src/govalue/types.ts';
import { helmRender } from './helm-render.ts';
import { trickyValues } from './tricky-values.ts';

test('toJson, toPrettyJson and toRawJson of a values file match helm', () => {
  const values = parseYamlValues(trickyValues, 'values.yaml');
  const [compact, pretty, raw] = helmRender(trickyValues,
    ['{{ toJson .Values }}', '{{ toPrettyJson .Values }}', '{{ toRawJson .Values }}']);
  assert.equal(goJsonMarshal(values), compact);
  assert.equal(goJsonMarshal(values, { indent: '  ' }), pretty);
  assert.equal(goJsonMarshal(values, { escapeHTML: false }), raw);
});

test('numbers, escapes and empty collections from template values', () => {
  const cases: [string, GoValue][] = [
    ['1e21', 1e21], ['1e20', 1e20], ['0.000001', 0.000001], ['0.0000001', 1e-7], ['-1.5e-10', -1.5e-10], ['123456789.125', 123456789.125],
    ['(int64 -5)', new GoInteger('int64', -5n)], ['42', 42n], ['"<a&b>\\u2028\\u2029"', '<a&b>\u2028\u2029'],
    ['"\\x00\\x01\\b\\f\\t\\n\\r\\x7f"', '\x00\x01\b\f\t\n\r\x7f'], ['(list)', []], ['(dict)', {}], ['nil', null],
    ['(dict "b" 1 "a" (list 1 (dict)) "ä" 2 "Z" 3)', { b: 1n, a: [1n, {}], ä: 2n, Z: 3n }],
  ];
  const helm = helmRender('', cases.flatMap(([expr]) => [`{{ toJson ${expr} }}`, `{{ toPrettyJson ${expr} }}`, `{{ toRawJson ${expr} }}`]));
  cases.forEach(([expr, value], i) => {
    assert.equal(goJsonMarshal(value), helm[3 * i], `toJson ${expr}`);
    assert.equal(goJsonMarshal(value, { indent: '  ' }), helm[3 * i + 1], `toPrettyJson ${expr}`);
    assert.equal(goJsonMarshal(value, { escapeHTML: false }), helm[3 * i + 2], `toRawJson ${expr}`);
  });
});

test('fromJson round trip and encoding/json syntax errors', () => {
  const docs = [
    '{"a": 1, "b": [true, null, "x\\u00e9"], "c": {"d": 1.5e300}}', '{"a": 1e400}', '', '   ', '{', '{"a"', '{"a":', '{"a" 1}',
    '{"a":1 "b":2}', '{a:1}', '[1, 2', '[1 2]', '{"a": tru}', '{"a": nul}', '{"a": -}', '{"a": 1.}', '{"a": 1e}', '{"a": 01}',
    '{"a": "\\q"}', '{"a": "\\u12G4"}', '{"a": "x\ty"}', '{"a": 1} x', '{"a": 1}}', "{'a': 1}", '{"a": é}', '{"a": 1,}',
  ];
  const helm = helmRender('', docs.map((doc) => `{{ $m := fromJson ${JSON.stringify(doc)} }}{{ if hasKey $m "Error" }}{{ $m.Error }}{{ else }}{{ toJson $m }}{{ end }}`));
  docs.forEach((doc, i) => {
    let ours: string;
    try {
      ours = goJsonMarshal(goJsonUnmarshal(doc) ?? {});
    } catch (err) {
      ours = (err as Error).message;
    }
    assert.equal(ours, helm[i], JSON.stringify(doc));
  });
});

test('objects encode through their jsonValue, others fail as Go does', () => {
  class Version {
    readonly goType = 'semver.Version';
    field() { return undefined; }
    method() { return undefined; }
    format() { return '1.2.3'; }
    jsonValue() { return '1.2.3'; }
  }
  class Channel {
    readonly goType = 'chan int';
    field() { return undefined; }
    method() { return undefined; }
    format() { return '0xc000012345'; }
  }
  assert.equal(goJsonMarshal({ v: new Version() }), '{"v":"1.2.3"}');
  assert.throws(() => goJsonMarshal([new Channel()]), /^Error: json: unsupported type: chan int$/);
});
