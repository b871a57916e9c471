// Numbers as golang.org/x/text/message's English printer writes them in the library's
// messages: integers grouped ("70,000"), floats in the shortest form, grouped below 10^6 and
// as "1×10⁰⁶" / "1×10⁻⁰⁵" from there (or below 10^-4).

const superscript = '⁰¹²³⁴⁵⁶⁷⁸⁹';

function grouped(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+$)/g, ',');
}

/** %d of an integer. */
export function englishInt(n: number | bigint): string {
  const s = String(n);
  return s.startsWith('-') ? `-${grouped(s.slice(1))}` : grouped(s);
}

/** %v of a float64. */
export function englishFloat(f: number): string {
  if (f === 0) return '0';
  const sign = f < 0 ? '-' : '';
  const [mantissa, expText] = Math.abs(f).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const e = String(Math.abs(exp)).padStart(2, '0').replace(/\d/g, (d) => superscript[Number(d)]);
    return `${sign}${mantissa}×10${exp < 0 ? '⁻' : ''}${e}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const int = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const frac = digits.slice(exp + 1);
  return `${sign}${grouped(int)}${frac === '' ? '' : `.${frac}`}`;
}
