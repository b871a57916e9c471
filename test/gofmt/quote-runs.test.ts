// strconv.Quote copies runs of plain ASCII whole; quoting must still equal quoting rune by rune.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { goQuote } from '../../src/gofmt/strconv.ts';

/** Quote each rune alone and join: the definition the run copying must agree with. */
function quoteByRune(s: string, asciiOnly: boolean): string {
  return `"${[...s].map((ch) => goQuote(ch, asciiOnly).slice(1, -1)).join('')}"`;
}

test('quoting with ASCII runs equals quoting rune by rune', () => {
  const chars = fc.oneof(fc.constantFrom('a', ' ', '"', '\\', '\n', '\t', '\x7f', '\x00', 'é', '\u2028', '😀', '\ud800', '\udc00', '~', '#'), fc.string({ unit: 'binary', maxLength: 3 }));
  fc.assert(fc.property(fc.array(chars, { maxLength: 30 }).map((parts) => parts.join('')), fc.boolean(), (s, asciiOnly) => {
    assert.equal(goQuote(s, asciiOnly), quoteByRune(s, asciiOnly));
  }), { numRuns: 5000, seed: 5 });
  assert.equal(goQuote('say "hi"\\n'), '"say \\"hi\\"\\\\n"');
  assert.equal(goQuote('tab\there é', true), '"tab\\there \\u00e9"');
});
