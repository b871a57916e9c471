// Sprig's random strings and numbers (cryptographically random, like goutils'
// CryptoRandom*), randInt and shuffle.
import { randomInt } from 'node:crypto';
import { goFunc, type GoFunc } from '../govalue/types.ts';
import { expectInt, expectString } from './arg-types.ts';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const PRINTABLE_ASCII = Array.from({ length: 127 - 32 }, (_, i) => String.fromCharCode(32 + i)).join('');

/** `count` characters drawn uniformly from `charset`; Sprig swallows a negative count's error and returns "". */
function randomString(charset: string, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += charset[randomInt(charset.length)];
  return out;
}

function randomStringFunc(name: string, charset: string): GoFunc {
  return goFunc(name, (count) => randomString(charset, expectInt(name, count)));
}

/** Fisher-Yates over the string's runes (xstrings.Shuffle). */
function shuffle(s: string): string {
  const runes = Array.from(s);
  for (let i = runes.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [runes[i], runes[j]] = [runes[j], runes[i]];
  }
  return runes.join('');
}

export const randomFunctions: Record<string, GoFunc> = {
  randAlphaNum: randomStringFunc('randAlphaNum', LETTERS + DIGITS),
  randAlpha: randomStringFunc('randAlpha', LETTERS),
  randNumeric: randomStringFunc('randNumeric', DIGITS),
  randAscii: randomStringFunc('randAscii', PRINTABLE_ASCII),
  // rand.Intn(max-min)+min: Go panics unless max > min.
  randInt: goFunc('randInt', (min, max) => {
    const low = expectInt('randInt', min);
    const high = expectInt('randInt', max);
    if (high <= low) throw new Error('invalid argument to Intn');
    return BigInt(low + randomInt(high - low));
  }),
  shuffle: goFunc('shuffle', (s) => shuffle(expectString('shuffle', s))),
};
