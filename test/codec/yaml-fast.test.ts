// The fast YAML reader (src/codec/yaml-fast.ts) against the full parser path: wherever it
// answers, it must answer exactly as the yaml package path does (values and errors alike).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fastYaml } from '../../src/codec/yaml-fast.ts';
import { yamlToGo, yamlToGoFullParser } from '../../src/codec/yaml-values.ts';

const outcome = (decode: () => unknown) => {
  try {
    return JSON.stringify(decode());
  } catch (err) {
    return `error: ${(err as Error).message}`;
  }
};

const scalars = fc.constantFrom('a', 'b c', '1', '-2', '0x1F', '1.5', 'true', 'no', 'Off', '~', 'null', '--flag=x', 'a:b', 'x,y', 'a#b', 'a[0]',
  'f{y}', '.inf', '.nan', '<<', '1e3', '007', '0o17', '"q"', "'s'", '"a\\tb"', '"\\/"', '"\\ "', "'it''s'", '"\\e\\0\\a"', '"\\u00e9\\\\"', "''", '""',
  'é', '[]', '{}', '[ ]', '{ }', 'http://x:80/y', 'a # c', 'a  ', '"x" # c', '1_000', '+1', '.5', '-.inf', 'y', 'NULL', '&a x', '*a', '&a 1', '&b-c "q" # c', '*b-c # c', '&a', '&a [1]', '&a.b x', '*a.b', '&a *a', ':8080', ':a:b', '?x', '?', ':', '!!str 1', '> x',
  // Continued over lines (render indents each further line past the key).
  'a\nb c', 'a\n\nb', 'a\n#c', 'a\n- b', "a\n'q'", 'a\n"q"', 'a\n`q`', 'a\nb: c', 'a # c\nb', "'x\ny'", "'x\n\n  y '", "'it''s\nok'", "'a\n#b'",
  "'open\n", '\n{}', '\n[]', '\nscalar', '\n"q"', '\n|', '[a, b]', '["a", "b"]', '[ a ]', '[a,]', '[a b, c]', "['a', 1]", '[-1, +2]', '[a: b]', '[a, [b]]');
const keys = fc.constantFrom('a', 'b', 'key', 'k y', '1', 'true', '~', '"q k"', "'s k'", '"a"', 'x-y', 'x.y', '0', 'null', '"<<"', '<<', '"a: b"', '? a');
const blocks = fc.tuple(fc.constantFrom('|', '|-', '|+', '| # c', '>', '>-', '>+', '> # c', '>2', '|2'),
  fc.array(fc.constantFrom('x', 'y z', '', ' ', '  extra', '#not comment', '- item', 'k: v', '      ', '    '), { maxLength: 5 }));
type Tree = { scalar: string } | { block: [string, string[]] } | { map: Array<[string, Tree]> } | { seq: Tree[] };
const trees: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof({ depthSize: 'small' },
    scalars.map((scalar) => ({ scalar })),
    blocks.map((block) => ({ block })),
    fc.array(fc.tuple(keys, tie('tree')), { minLength: 1, maxLength: 4 }).map((map) => ({ map })),
    fc.array(tie('tree'), { minLength: 1, maxLength: 3 }).map((seq) => ({ seq }))),
})).tree;

/** Block-style YAML of a tree: `step` spaces per level, sequences under keys aligned or indented. */
function render(tree: Tree, indent: number, step: number, aligned: boolean, out: string[], prefix: string): void {
  const pad = ' '.repeat(indent);
  if ('scalar' in tree) {
    const [first, ...rest] = tree.scalar.split('\n');
    out.push(`${prefix}${first}`.trimEnd() === '' ? prefix.trimEnd() : `${prefix}${first}`);
    for (const line of rest) out.push(line === '' ? '' : ' '.repeat(indent + step) + line);
  }
  else if ('block' in tree) {
    out.push(`${prefix}${tree.block[0]}`);
    for (const line of tree.block[1]) out.push(line.trim() === '' ? line : ' '.repeat(indent + step) + line);
  } else if ('map' in tree) {
    tree.map.forEach(([key, value], i) => {
      const head = i === 0 && prefix !== '' ? prefix : pad;
      if ('scalar' in value || 'block' in value) render(value, indent, step, aligned, out, `${head}${key}: `);
      else {
        out.push(`${head}${key}:`);
        render(value, 'seq' in value && aligned ? indent : indent + step, step, aligned, out, '');
      }
    });
  } else {
    tree.seq.forEach((value, i) => {
      const head = `${i === 0 && prefix !== '' ? prefix : pad}- `;
      render(value, 'scalar' in value || 'block' in value ? indent : indent + 2, step, aligned, out, head);
    });
  }
}

const documents = fc.tuple(trees, fc.constantFrom(1, 2, 3, 4), fc.boolean(), fc.constantFrom('', '\n', '\n\n'),
  fc.array(fc.tuple(fc.nat(30), fc.constantFrom('# c', '', '  ', ' x', '-', 'q: 1', '\tt: 1', '---')), { maxLength: 2 }),
  fc.array(fc.tuple(fc.nat(30), fc.boolean()), { maxLength: 1 }))
  .map(([root, step, aligned, end, inserts, shifts]) => {
    const tree = 'map' in root || 'seq' in root ? root : { map: [['top', root]] as Array<[string, Tree]> };
    const lines: string[] = [];
    render(tree, 0, step, aligned, lines, '');
    for (const [at, line] of inserts) lines.splice(at % (lines.length + 1), 0, line);
    for (const [at, deeper] of shifts) {
      const k = at % lines.length;
      lines[k] = deeper ? ` ${lines[k]}` : lines[k].replace(/^ /, '');
    }
    return lines.join('\n') + end;
  });

test('where the fast reader answers, it answers as the full parser does', () => {
  let taken = 0;
  fc.assert(fc.property(documents, (text) => {
    if (fastYaml(text) === undefined) return;
    taken++;
    assert.equal(outcome(() => yamlToGo(text)), outcome(() => yamlToGoFullParser(text)), JSON.stringify(text));
  }), { numRuns: 6000, seed: 11 });
  // The generator must exercise the fast path, not only the fallback.
  assert.ok(taken > 1000, `fast path taken only ${taken} times`);
});

test('a typical manifest takes the fast path', () => {
  const manifest = [
    'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: "web"', '  labels:', '    app.kubernetes.io/name: web  # the app',
    'spec:', '  replicas: 3', '  template:', '    spec:', '      containers:', '        - name: web', '          args:', '          - --port=8080',
    '          - "--flag"', '          env: []', '          resources: {}', 'data:', '  config.yaml: |', '    a: 1', '', '    b: [2]', '',
  ].join('\n');
  const raw = fastYaml(manifest);
  assert.notEqual(raw, undefined);
  assert.deepEqual(yamlToGo(manifest), yamlToGoFullParser(manifest));
  assert.deepEqual((yamlToGo(manifest) as Record<string, Record<string, string>>).data['config.yaml'], 'a: 1\n\nb: [2]\n');
});

test('folded block scalars take the fast path and fold as the full parser does', () => {
  const text = 'a: >\n  one\n  two\n\n  three\n\n\n  four\nb: >-\n  x\n  y\n\nc: 1\n';
  assert.notEqual(fastYaml(text), undefined);
  assert.deepEqual(yamlToGo(text), yamlToGoFullParser(text));
  assert.deepEqual(yamlToGo(text), { a: 'one two\nthree\n\nfour\n', b: 'x y', c: 1 });
});

test('anchored scalars and their aliases take the fast path', () => {
  const text = 'port: &port 9121\nname: &n "web" # c\nservice:\n  port: *port\n  names: [x]\n  list:\n  - *n\n  - &port 80\n  - *port\n';
  assert.notEqual(fastYaml(text), undefined);
  assert.deepEqual(yamlToGo(text), yamlToGoFullParser(text));
  assert.deepEqual(yamlToGo(text), { port: 9121, name: 'web', service: { port: 9121, names: ['x'], list: ['web', 80, 80] } });
});

test('a document of one flow collection takes the fast path', () => {
  for (const text of ['{}', '{ }\n', '[]', '# c\n[a, "b", 1] # c\n', '  {}']) {
    assert.notEqual(fastYaml(text), undefined, JSON.stringify(text));
    assert.deepEqual(yamlToGo(text), yamlToGoFullParser(text));
  }
  for (const text of ['{}\n  x', '{}\na: 1', '[a]\n- b', '{a: 1}', '[[a]]']) assert.equal(fastYaml(text), undefined, JSON.stringify(text));
});

test('what the fast reader leaves to the full parser', () => {
  for (const text of ['a: &x\n  b: 1\nc: *x', 'a: &x [1]\nb: *x', 'a: *x\nb: &x 1', 'a: >\n  folded\n   more indented', 'a: >+\n  kept\n', 'a: >\n\n  after a blank', 'a: >\n  trailing ', 'a: !!str 1', 'a:\tb', 'a: [1, {b: 2}]', 'a: b\n  {continued}', 'a: "open\n  quote"',
    '<<: {a: 1}', '---\na: 1', 'a: 1\n...\n', '? a\n: b', 'a: |2\n   x', 'a: "\\x41"', 'just a scalar']) {
    assert.equal(fastYaml(text), undefined, JSON.stringify(text));
  }
});
