// Go structs through the one Go-JSON encoder: field order, `omitempty` as Go's isEmptyValue
// decides it, maps sorted inside structs, and struct-shaped plain objects for CLI output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goJson, goJsonMarshal, GoStruct } from '../../src/codec/go-json.ts';
import { GoInteger } from '../../src/govalue/types.ts';

test('fields keep their declaration order; omitempty leaves out Go\'s empty values only', () => {
  const empty = ['', 0, 0n, false, null, undefined, [], {}, new Uint8Array(0), new GoInteger('int64', 0n)];
  const struct = new GoStruct([
    ['z', 'last'],
    ...empty.map((value, i) => [`e${i}`, value, 'omitempty'] as const),
    ['kept', ' ', 'omitempty'],
    ['a', { b: 1, a: 2 }],
  ]);
  assert.equal(goJsonMarshal(struct), '{"z":"last","kept":" ","a":{"a":2,"b":1}}');
});

test('a field without omitempty is written even when empty, undefined as null', () => {
  assert.equal(goJsonMarshal(new GoStruct([['phase', ''], ['lock', undefined], ['files', null], ['n', 0]])),
    '{"phase":"","lock":null,"files":null,"n":0}');
});

test('a struct value is never empty, so an omitempty struct field stays', () => {
  assert.equal(goJsonMarshal(new GoStruct([['last_run', new GoStruct([]), 'omitempty']])), '{"last_run":{}}');
});

test('goJson writes plain objects as structs: insertion order, undefined and functions left out', () => {
  assert.equal(goJson({ b: 1, a: [1, undefined], c: undefined, f: () => 0, d: new Date(0) }),
    '{"b":1,"a":[1,null],"d":"1970-01-01T00:00:00.000Z"}');
  // A Go map (default encoding) sorts its keys by UTF-8 bytes.
  assert.equal(goJsonMarshal({ b: 1, B: 2, 'é': 3, a: 4 }), '{"B":2,"a":4,"b":1,"é":3}');
});
