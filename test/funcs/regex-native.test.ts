// The native path of the regex functions (src/funcs/regex-native.ts): which patterns take it,
// and, on random patterns and texts, that it finds what re2js (Go's RE2, checked against helm
// in regex.test.ts) finds, submatches included where it claims them exact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RE2JS } from 're2js';
import { nativeMatcher } from '../../src/funcs/regex-native.ts';

test('the patterns of widely used charts run natively', () => {
  for (const pattern of ['[^a-zA-Z0-9-_.]+', '@sha256:[a-f0-9]+', 'v[0-9]+.[0-9]+.[0-9]+', '^v?\\d+(\\.\\d+)?(\\.\\d+)?(-.*)?',
    '(-?[^a-z\\d\\-])+-?', '[^A-Za-z0-9]+$', '\\W', '\\n', '-r\\d+$|sha256:', '{(v[0-9])*[^}]*}}$', '^v\\d+\\.\\d+$']) {
    assert.notEqual(nativeMatcher(pattern, false), undefined, pattern);
  }
});

test('what is left to re2js', () => {
  for (const pattern of ['(?i)a', '\\pL', '\\p{Greek}', '(?P<x>a)', '[[:alpha:]]', 'x{1001}', 'a**', '*a', '(a*)*', '(|a)+', 'a|', '|a', '()',
    '^*', '\\bx*\\b*', '\\Aa', 'a\\z', '\\x41', '\\1', '(a{2}){3}', '[z-a]', '[a-\\d]', '[\\S]', 'a(', 'a)', '[a', '\\']) {
    assert.equal(nativeMatcher(pattern, false), undefined, pattern);
  }
  // Groups repeated with a capture inside report differently in JavaScript: not exact.
  assert.notEqual(nativeMatcher('(a|(b))+', false), undefined);
  assert.equal(nativeMatcher('(a|(b))+', true), undefined);
});

const atoms = fc.constantFrom('a', 'b', '-', '_', '.', '\\.', '\\d', '\\w', '\\s', '\\S', '\\D', '\\W', '\\b', '^', '$', '[a-z]', '[^a-z]',
  '[0-9-_.]', '[-a]', '[a-]', '[]a]', '[^]a]', '[\\d-z]', '[\\s]', '[--/]', '\\-', '\\_', '\\$', '{', '}', ']', 'é', '😀', ' ', '\\n', '[é-ü]');
const quantifiers = fc.constantFrom('', '', '', '*', '+', '?', '*?', '+?', '??', '{2}', '{1,}', '{0,2}', '{1,3}?', '{,2}');
const patterns: fc.Arbitrary<string> = fc.letrec<{ pattern: string }>((tie) => ({
  pattern: fc.array(fc.oneof({ depthSize: 'small' },
    fc.tuple(atoms, quantifiers).map(([a, q]) => a + q),
    fc.tuple(fc.constantFrom('(', '(?:'), tie('pattern'), fc.option(tie('pattern')), quantifiers)
      .map(([open, body, alt, q]) => `${open}${body}${alt === null ? '' : `|${alt}`})${q}`)), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('')),
})).pattern;
const texts = fc.constantFrom('', 'a', 'aab-b_c.d', 'v1.2.3', 'hello world\nfoo', 'x{y}z', 'é😀a', 'AbC 123 _-', 'a\nb\n', '--/.', ']a]', 'bbbaaa');

test('native matches are re2js matches', () => {
  let native = 0;
  fc.assert(fc.property(patterns, texts, fc.boolean(), (pattern, text, exact) => {
    const matcher = nativeMatcher(pattern, exact);
    if (matcher === undefined) return;
    native++;
    const reference = RE2JS.compile(pattern).re2Input;
    const expected = reference.findAllSubmatchIndex(text, -1) as number[][] | null;
    const actual = matcher.findAllSubmatchIndex(text, -1);
    const wholes = (all: number[][] | null) => all?.map((m) => m.slice(0, 2)) ?? null;
    assert.deepEqual(exact ? actual : wholes(actual), exact ? expected : wholes(expected), `${pattern} on ${JSON.stringify(text)}`);
    assert.equal(matcher.match(text), reference.match(text));
  }), { numRuns: 4000, seed: 7 });
  assert.ok(native > 800, `native path taken only ${native} times`);
});
