// Sprig's b64enc/b64dec/b32enc/b32dec. Like Sprig, the decoders return Go's error text
// ("illegal base64 data at input byte N") as the value instead of failing.
import { goFunc, type GoFunc } from '../govalue/types.ts';
import { expectString } from './arg-types.ts';

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const PAD = 0x3d; // '='
const isNewline = (b: number) => b === 0x0a || b === 0x0d;

function decodeMap(alphabet: string): Int16Array {
  const map = new Int16Array(256).fill(-1);
  for (let i = 0; i < alphabet.length; i++) map[alphabet.charCodeAt(i)] = i;
  return map;
}
const BASE64_MAP = decodeMap(BASE64_ALPHABET);
const BASE32_MAP = decodeMap(BASE32_ALPHABET);

class CorruptInput extends Error {}

/** Go's base64.StdEncoding.DecodeString, including where it reports corrupt input. */
function base64Decode(src: Uint8Array): Uint8Array {
  const out: number[] = [];
  let si = 0;
  const corrupt = (at: number) => new CorruptInput(`illegal base64 data at input byte ${at}`);
  while (si < src.length) {
    const quantum = [0, 0, 0, 0];
    let length = 4;
    let trailingGarbageAt = -1;
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return Uint8Array.from(out);
        throw corrupt(si - j);
      }
      const b = src[si++];
      if (BASE64_MAP[b] >= 0) {
        quantum[j] = BASE64_MAP[b];
        continue;
      }
      if (isNewline(b)) {
        j--;
        continue;
      }
      if (b !== PAD || j < 2) throw corrupt(si - 1);
      if (j === 2) {
        // "==" is required here; newlines may sit between the two '='.
        while (si < src.length && isNewline(src[si])) si++;
        if (si === src.length) throw corrupt(src.length);
        if (src[si] !== PAD) throw corrupt(si - 1);
        si++;
      }
      while (si < src.length && isNewline(src[si])) si++;
      if (si < src.length) trailingGarbageAt = si;
      length = j;
      break;
    }
    const bits = (quantum[0] << 18) | (quantum[1] << 12) | (quantum[2] << 6) | quantum[3];
    out.push(...[(bits >> 16) & 0xff, (bits >> 8) & 0xff, bits & 0xff].slice(0, length - 1));
    if (trailingGarbageAt >= 0) throw corrupt(trailingGarbageAt);
    if (length < 4) break;
  }
  return Uint8Array.from(out);
}

/** Go's base32.StdEncoding.DecodeString; offsets count input with newlines removed. */
function base32Decode(input: Uint8Array): Uint8Array {
  const src = input.filter((b) => !isNewline(b));
  const corrupt = (at: number) => new CorruptInput(`illegal base32 data at input byte ${at}`);
  const out: number[] = [];
  let si = 0;
  let end = false;
  while (si < src.length && !end) {
    const quantum = new Array<number>(8).fill(0);
    let length = 8;
    for (let j = 0; j < 8;) {
      if (si === src.length) throw corrupt(si - j);
      const b = src[si++];
      const remaining = src.length - si;
      if (b === PAD && j >= 2 && remaining < 8) {
        if (remaining + j < 7) throw corrupt(src.length);
        for (let k = 0; k < 7 - j; k++) {
          if (remaining > k && src[si + k] !== PAD) throw corrupt(si + k - 1);
        }
        length = j;
        end = true;
        if (length === 1 || length === 3 || length === 6) throw corrupt(si - 1);
        break;
      }
      if (BASE32_MAP[b] < 0) throw corrupt(si - 1);
      quantum[j++] = BASE32_MAP[b];
    }
    const [a, b, c, d, e, f, g, h] = quantum;
    const bytes = [
      (a << 3) | (b >> 2),
      (b << 6) | (c << 1) | (d >> 4),
      (d << 4) | (e >> 1),
      (e << 7) | (f << 2) | (g >> 3),
      (g << 5) | h,
    ].map((x) => x & 0xff);
    const produced = { 8: 5, 7: 4, 5: 3, 4: 2, 2: 1 }[length] ?? 0;
    out.push(...bytes.slice(0, produced));
  }
  return Uint8Array.from(out);
}

function base32Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 5) {
    const chunk = bytes.subarray(i, i + 5);
    let bits = 0n;
    for (let k = 0; k < 5; k++) bits = (bits << 8n) | BigInt(chunk[k] ?? 0);
    const chars = Math.ceil((chunk.length * 8) / 5);
    for (let k = 0; k < 8; k++) {
      out += k < chars ? BASE32_ALPHABET[Number((bits >> BigInt(35 - 5 * k)) & 31n)] : '=';
    }
  }
  return out;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** base64.StdEncoding.DecodeString; throws Go's "illegal base64 data at input byte N". */
export function decodeStdBase64(s: string): Uint8Array {
  return base64Decode(utf8(s));
}
const fromUtf8 = (b: Uint8Array) => Buffer.from(b).toString('utf8');

/** A decoder that returns the decoded text, or Go's error text like Sprig does. */
function decoder(name: string, decode: (src: Uint8Array) => Uint8Array): GoFunc {
  return goFunc(name, (s) => {
    try {
      return fromUtf8(decode(utf8(expectString(name, s))));
    } catch (err) {
      if (err instanceof CorruptInput) return err.message;
      throw err;
    }
  });
}

export const encodingFunctions: Record<string, GoFunc> = {
  b64enc: goFunc('b64enc', (s) => Buffer.from(expectString('b64enc', s), 'utf8').toString('base64')),
  b64dec: decoder('b64dec', base64Decode),
  b32enc: goFunc('b32enc', (s) => base32Encode(utf8(expectString('b32enc', s)))),
  b32dec: decoder('b32dec', base32Decode),
};
