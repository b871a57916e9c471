// Differential tests of b64enc/b64dec/b32enc/b32dec against helm, including the
// error text Sprig returns as the value for corrupt input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodingFunctions } from '../../src/funcs/encoding.ts';
import { helmEval, q } from './helm-eval.ts';

const plain = ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar', 'héllo wörld ✓', 'line1\nline2', 'a'.repeat(70)];
const base64Inputs = [
  'Zm9vYmFy', 'Zm9vYg==', 'Zm9vYmE=', 'Zg', 'Zg=', 'Zg==', 'Z===', '====', 'Zm9v\nYmFy', 'Zm9v\r\nYg=\n=',
  'Zm9vYg==x', 'Zm9vYg== ', 'Zm$v', 'Zm9vY', 'Zm9vYmFy\n', '!', '', 'aGVsbG8gd29ybGQ=', 'YQ=\n', 'YWJj=',
];
const base32Inputs = [
  'MZXW6YTBOI======', 'MZXW6===', 'MY======', 'MZXQ====', 'MZXW6YQ=', 'MZXW6YTB', 'MZXW6YTBOI', 'MY=====',
  'M=======', 'MZX=====', 'MZXW6Y==', 'mzxw6===', 'MZXW\n6YTB', '1ZXW6YTB', 'MY======MY======', 'MY===x==', '',
];

test('encoders and decoders render as helm renders them', () => {
  const calls: [string, string][] = [
    ...plain.flatMap((s): [string, string][] => [['b64enc', s], ['b32enc', s]]),
    ...base64Inputs.map((s): [string, string] => ['b64dec', s]),
    ...base32Inputs.map((s): [string, string] => ['b32dec', s]),
    ...plain.map((s): [string, string] => ['b64dec', Buffer.from(s).toString('base64')]),
  ];
  const expected = helmEval(calls.map(([fn, s]) => `{{ ${fn} ${q(s)} }}`));
  calls.forEach(([fn, s], i) => {
    assert.equal(encodingFunctions[fn].call([s]), expected[i], `${fn} ${JSON.stringify(s)}`);
  });
});

test('round trips through both encodings', () => {
  for (const s of plain) {
    assert.equal(encodingFunctions.b64dec.call([encodingFunctions.b64enc.call([s])]), s);
    assert.equal(encodingFunctions.b32dec.call([encodingFunctions.b32enc.call([s])]), s);
  }
});
