// go-yaml's map key order: letters by code point, and runs of digits compared as numbers,
// so "a2" sorts before "a10" and non-letters sort before letters (v3: except right after a digit).

// ASCII answered from the code (the Unicode regexes cost a call each, and keys are mostly ASCII).
const isLetter = (ch: string) => {
  const code = ch.charCodeAt(0) | 32;
  return ch.charCodeAt(0) < 0x80 ? code >= 97 && code <= 122 : /\p{L}/u.test(ch);
};
const isDigit = (ch: string) => {
  const code = ch.charCodeAt(0);
  return code < 0x80 ? code >= 48 && code <= 57 : /\p{Nd}/u.test(ch);
};
const surrogate = /[\ud800-\udfff]/;
/** The key's characters by code point: the string itself (indexed by code unit) when that is the same. */
const codePoints = (s: string): string | string[] => (surrogate.test(s) ? Array.from(s) : s);
const digitValue = (ch: string) => ch.codePointAt(0)! - 0x30;

export type GoYamlVersion = 'v2' | 'v3';

/** Negative when `a` sorts before `b` (go-yaml's keyList.Less for string keys). */
export function compareYamlKeys(a: string, b: string, version: GoYamlVersion = 'v2'): number {
  if (a === b) return 0;
  return keyLess(a, b, version) ? -1 : keyLess(b, a, version) ? 1 : 0;
}

function keyLess(a: string, b: string, version: GoYamlVersion): boolean {
  const ar = codePoints(a);
  const br = codePoints(b);
  let afterDigit = false;
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) {
      afterDigit = isDigit(ar[i]);
      continue;
    }
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
    if (al || bl) return version === 'v3' && afterDigit ? al : bl;
    let an = 0n, bn = 0n;
    // A zero after other digits is part of that number, not a leading zero.
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = bn = 1n;
          break;
        }
      }
    }
    let ai = i, bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10n + BigInt(digitValue(ar[ai]));
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10n + BigInt(digitValue(br[bi]));
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
  }
  return ar.length < br.length;
}
