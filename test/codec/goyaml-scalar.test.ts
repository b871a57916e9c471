// toYaml's scalar style analysis: the shortcut for plain words must agree with the character walk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeScalar, analyzeScalarByCharacters } from '../../src/codec/goyaml-scalar.ts';

test('the plain-words shortcut gives what the character walk gives', () => {
  const pieces = fc.constantFrom('a', 'Z', '0', '_', '.', '/', '=', '+', '$', '(', ')', '^', ';', '<', '>', ' ', '-', '...', '---', '#', ':', '\t', '\n', 'é', '"', '?', '|');
  fc.assert(fc.property(fc.array(pieces, { minLength: 1, maxLength: 12 }).map((parts) => parts.join('')), fc.boolean(), (value, tabs) => {
    assert.deepEqual(analyzeScalar(value, tabs), analyzeScalarByCharacters(value, tabs), JSON.stringify(value));
  }), { numRuns: 20000, seed: 3 });
});
