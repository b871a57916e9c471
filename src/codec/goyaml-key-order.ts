// go-yaml's map key order: letters by code point, and runs of digits compared as numbers,
// so "a2" sorts before "a10" and non-letters sort before letters (v3: except right after a digit).

const isLetter = (ch: string) => /\p{L}/u.test(ch);
const isDigit = (ch: string) => /\p{Nd}/u.test(ch);
const digitValue = (ch: string) => ch.codePointAt(0)! - 0x30;

export type GoYamlVersion = 'v2' | 'v3';

/** Negative when `a` sorts before `b` (go-yaml's keyList.Less for string keys). */
export function compareYamlKeys(a: string, b: string, version: GoYamlVersion = 'v2'): number {
  if (a === b) return 0;
  return keyLess(a, b, version) ? -1 : keyLess(b, a, version) ? 1 : 0;
}

function keyLess(a: string, b: string, version: GoYamlVersion): boolean {
  const ar = Array.from(a);
  const br = Array.from(b);
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
