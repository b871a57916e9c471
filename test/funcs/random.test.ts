// Shape tests for the random functions (helm's output is random too): length,
// character set and range, checked against what helm produces for the same call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomFunctions } from '../../src/funcs/random.ts';
import { uuidFunctions } from '../../src/funcs/uuid.ts';
import { networkFunctions } from '../../src/funcs/network.ts';
import { helmEval } from './helm-eval.ts';

const shapes: [fn: string, count: bigint, pattern: RegExp][] = [
  ['randAlphaNum', 40n, /^[A-Za-z0-9]{40}$/],
  ['randAlpha', 40n, /^[A-Za-z]{40}$/],
  ['randNumeric', 40n, /^[0-9]{40}$/],
  ['randAscii', 40n, /^[\x20-\x7e]{40}$/],
  ['randAlphaNum', 0n, /^$/],
  ['randAlphaNum', -3n, /^$/],
];

test('random strings have the length and characters helm gives', () => {
  const helm = helmEval(shapes.map(([fn, n]) => `{{ ${fn} ${n} }}`));
  shapes.forEach(([fn, n, pattern], i) => {
    assert.match(helm[i], pattern, `helm ${fn} ${n}`);
    assert.match(randomFunctions[fn].call([n]) as string, pattern, `${fn} ${n}`);
  });
});

test('randAscii eventually uses the whole printable range, including space and tilde', () => {
  const seen = new Set((randomFunctions.randAscii.call([5000n]) as string).split(''));
  assert.equal(seen.size, 95);
});

test('randInt stays in [min, max) and rejects an empty range like helm', () => {
  const helm = helmEval(Array.from({ length: 20 }, () => '{{ randInt -2 3 }}'));
  for (const h of helm) assert.ok(Number(h) >= -2 && Number(h) < 3, `helm gave ${h}`);
  for (let i = 0; i < 200; i++) {
    const v = randomFunctions.randInt.call([-2n, 3n]) as bigint;
    assert.ok(v >= -2n && v < 3n);
  }
  assert.throws(() => randomFunctions.randInt.call([5n, 5n]), /invalid argument to Intn/);
});

test('shuffle permutes runes', () => {
  const input = 'héllo wörld';
  const [helm] = helmEval([`{{ shuffle "${input}" }}`]);
  const sorted = (s: string) => Array.from(s).sort().join('');
  assert.equal(sorted(helm), sorted(input));
  assert.equal(sorted(randomFunctions.shuffle.call([input]) as string), sorted(input));
});

test('uuidv4 is a version 4 UUID as helm prints it', () => {
  const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  assert.match(helmEval(['{{ uuidv4 }}'])[0], v4);
  assert.match(uuidFunctions.uuidv4.call([]) as string, v4);
});

test('getHostByName returns "" as helm template does without --enable-dns', () => {
  const names = ['localhost', 'example.com'];
  const helm = helmEval(names.map((n) => `{{ getHostByName "${n}" }}`));
  names.forEach((n, i) => assert.equal(networkFunctions.getHostByName.call([n]), helm[i]));
});
