// The Go-regexp patterns of values.schema.json (src/chart/jsonschema/go-regexp.ts): patterns
// run as native RegExps must match exactly the strings re2js (Go's RE2 semantics) matches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RE2JS } from 're2js';
import { goPattern } from '../../src/chart/jsonschema/go-regexp.ts';

const atom = fc.constantFrom('a', 'b', 'é', '😀', '1', '-', '.', '\\d', '\\D', '\\w', '\\W', '\\s', '\\S', '\\.', '\\-', '\\]', '\\/', '\\b',
  '[a-c]', '[^a]', '[\\d-]', '[-x]', '[]a]', '[\\s\\w]', '[.]', '[é-😀]', '/', '\\t', '\\n', '\\r', '\\v');
const quantifier = fc.constantFrom('', '', '*', '+', '?', '{2}', '{1,}', '{0,2}', '*?', '+?', '{1001}');
const patterns: fc.Arbitrary<string> = fc.letrec<{ p: string }>((tie) => ({
  p: fc.oneof({ depthSize: 'small' },
    fc.tuple(atom, quantifier).map(([a, q]) => a + q),
    fc.array(tie('p'), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('')),
    fc.tuple(tie('p'), tie('p')).map(([x, y]) => `${x}|${y}`),
    tie('p').map((x) => `(${x})`),
    tie('p').map((x) => `(?:${x})`),
    tie('p').map((x) => `^${x}$`)),
})).p;
const inputs = fc.array(fc.constantFrom('a', 'b', 'c', 'é', '😀', '1', '-', '.', ']', '/', ' ', '\t', '\n', '\r', '\v', '\u00a0', 'x'), { maxLength: 8 }).map((cs) => cs.join(''));

test('native patterns match exactly what Go RE2 matches', () => {
  let native = 0;
  fc.assert(fc.property(patterns, fc.array(inputs, { minLength: 1, maxLength: 6 }), (pattern, strings) => {
    let go: ReturnType<typeof RE2JS.compile> | undefined;
    try {
      go = RE2JS.compile(pattern);
    } catch {
      go = undefined;
    }
    const ours = goPattern(pattern);
    assert.equal(ours instanceof Error, go === undefined, pattern);
    if (go === undefined || ours instanceof Error) return;
    if (ours instanceof RegExp) native++;
    for (const s of strings) assert.equal(ours.test(s), go.test(s), JSON.stringify({ pattern, s }));
  }), { numRuns: 3000, seed: 11 });
  // Most generated patterns must take the native path, or this test would prove nothing.
  assert.ok(native > 1500, `only ${native} native patterns`);
});

test('Go-only syntax goes to re2js, and invalid patterns give Go\'s error', () => {
  const posix = goPattern('^[[:alpha:]]+$');
  assert.ok(!(posix instanceof Error) && posix.test('ab') && !posix.test('a1'));
  const flags = goPattern('(?i)^abc$');
  assert.ok(!(flags instanceof Error) && flags.test('ABC'));
  const invalid = goPattern('(?=x)');
  assert.ok(invalid instanceof Error);
  assert.match(invalid.message, /^error parsing regexp: invalid or unsupported Perl syntax: `\(\?=`$/);
});
