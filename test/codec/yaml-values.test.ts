// parseYamlValues against helm: the same values file read by helm and by us must give the
// same JSON, and malformed YAML must give helm's message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlValues, yamlToGo } from '../../src/codec/yaml-values.ts';
import { goJsonMarshal } from '../../src/codec/go-json.ts';
import { helmRender } from './helm-render.ts';
import { trickyValues } from './tricky-values.ts';

const scalarValues = `
b1: y
b2: "on"
b3: off
b4: NO
b5: True
n1: ~
n2:
n3: Null
h: 0x1F
h2: -0x1f
o: 017
o2: 0o17
o3: 08
bn: 0b101
u: 1_000
f: 1e3
f2: .5
f3: 1.
f4: -.5e-3
f5: +12
sx: 190:20:30
ts: 2001-12-14t21:59:43.10-05:00
d: 2002-12-14
big: 12345678901234567890
neg: -9223372036854775809
quoted: "123"
single: 'it''s'
tagged: !!str 123
tagint: !!int "42"
tagfloat: !!float 3
bin: !!binary aGVsbG8gw6k=
badbin: !!binary //79
folded: >
  one
  two

  three
literal: |
  keep
    indent
strip: |-
  no newline
keepnl: |+
  kept

1: intkey
1.5: fkey
true: bkey
no: nokey
base: &b {x: 1, y: 2}
m:
  y: 5
  <<: *b
  z: 3
ml:
  <<: [{a: 1}, {a: 2, b: 3}]
after:
  <<: {a: 1, b: 2}
  a: 9
dup: 1
dup: 2
seqs: [a, [b, {c: d}], {}]
alias_list: &l [1, 2]
alias_use: *l
flowpair: [b c: d]
`;

test('values read like helm reads them (YAML 1.1 scalars, merge keys, JSON numbers)', () => {
  for (const values of [scalarValues, trickyValues]) {
    const [helm] = helmRender(values, ['{{ toJson .Values }}']);
    assert.equal(goJsonMarshal(parseYamlValues(values, 'values.yaml')), helm);
  }
});

const badDocuments = [
  'a: 1\nb: c: d\n', 'a:\n\tb: 1\n', 'a: "foo\n', 'a:\n  b: 1\n c: 2\n', '- a\nb: 1\n', 'a: [1, 2\n', 'a: {x: 1\n',
  "a: 'x\n", 'a: *nope\n', 'key: value\n  bad: x\n', 'a: @x\n', 'a: `x\n', 'inf: .inf\n', 'nan: .nan\n', '~: nullkey\n',
  '{a: 1, b: [x]}: v\n', 'k: -\n', 'a:\n- \tx\n', '? a\n:\tb\n', '-\tx\n', '- a\n-\t# c\n', '- - \tx\n', 'a:\n  - \t- x\n', 'a: |\n  x\n\ty\n', 'a:\n  b: |\n    x\n  \ty\n', 'a: |\n\tx\n', 'x: 1\nk: - a\n', 'a:\n  b: {{x}}/y\n', 'a:\n  name: n\n  {{x}}\nb: 1\n', '? [1, "s", ~]\n: v\n',
  // Characters go-yaml's reader refuses: C0 and C1 controls, DEL, U+FFFE (a gzip starts with 0x1f).
  'a: \u0001\n', '\u001fa: 1\n', 'a: "x\u007fy"\n', 'a: \u0080\n', 'a: \ufffe\n', '# \u0000\na: 1\n',
];

test('malformed YAML fails with go-yaml\'s message and line', () => {
  const helm = helmRender('', badDocuments.map((doc) => `{{ (fromYaml ${JSON.stringify(doc)}).Error }}`));
  badDocuments.forEach((doc, i) => {
    assert.throws(() => yamlToGo(doc), (err: Error) => {
      assert.equal(err.message, helm[i], JSON.stringify(doc));
      return true;
    });
  });
});

test('quoted scalars continued at or left of their key\'s column parse as libyaml parses them', () => {
  const values = 'a:\n  d: "one\n  two"\n  s: \'x\n  y\'\n  e: "p \\\n  q"\n  f: "k\nl"\nb: 1\n';
  const [helm] = helmRender(values, ['{{ toJson .Values }}']);
  assert.equal(goJsonMarshal(parseYamlValues(values, 'values.yaml')), helm);
});

test('a raw NEL is a line break, as in YAML 1.1', () => {
  const values = 'a: "x\u0085y"\nb: |\n  x\u0085  y\n';
  const [helm] = helmRender(values, ['{{ toJson .Values }}']);
  assert.equal(goJsonMarshal(parseYamlValues(values, 'values.yaml')), helm);
});

test('parse errors name the file', () => {
  assert.throws(() => parseYamlValues('a: 1\nb: c: d\n', 'my-values.yaml'),
    /^Error: my-values\.yaml: error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context$/);
});

test('only the first document is read and an empty one is nil', () => {
  const docs = ['a: b\n---\nc: d\n', '', '# only a comment\n', '---\nx: 1\n'];
  const helm = helmRender('', docs.map((doc) => `{{ toJson (fromYaml ${JSON.stringify(doc)}) }}`));
  docs.forEach((doc, i) => assert.equal(goJsonMarshal(yamlToGo(doc) ?? {}), helm[i], JSON.stringify(doc)));
});
