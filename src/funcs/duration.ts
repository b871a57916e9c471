// Go's time.Duration: String() ("1h2m3.5s", "1.5ms") and time.ParseDuration, over
// int64 nanoseconds held as bigint.
import { goTimeQuote } from '../gotime/format.ts';

const NS = { us: 1_000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n };
const INT64_MIN = -(1n << 63n);

/** Digits of v / 10^prec after the point, trailing zeros dropped; returns [text, v / 10^prec]. */
function fraction(v: bigint, prec: number): [string, bigint] {
  let digits = '';
  let printing = false;
  for (let i = 0; i < prec; i++) {
    const digit = v % 10n;
    printing = printing || digit !== 0n;
    if (printing) digits = digit.toString() + digits;
    v /= 10n;
  }
  return [printing ? `.${digits}` : '', v];
}

/** Go's Duration.String. */
export function formatDuration(d: bigint): string {
  const negative = d < 0n;
  let u = negative ? -d : d;
  if (d === INT64_MIN) u = 1n << 63n;
  let out: string;
  if (u < NS.s) {
    if (u === 0n) return '0s';
    const [unit, prec] = u < NS.us ? ['ns', 0] : u < NS.ms ? ['µs', 3] : ['ms', 6];
    const [frac, whole] = fraction(u, prec);
    out = `${whole}${frac}${unit}`;
  } else {
    const [frac, seconds] = fraction(u, 9);
    out = `${seconds % 60n}${frac}s`;
    const minutes = seconds / 60n;
    if (minutes > 0n) {
      out = `${minutes % 60n}m${out}`;
      const hours = minutes / 60n;
      if (hours > 0n) out = `${hours}h${out}`;
    }
  }
  return negative ? `-${out}` : out;
}

const UNITS: Record<string, bigint> = { ns: 1n, us: NS.us, 'µs': NS.us, 'μs': NS.us, ms: NS.ms, s: NS.s, m: NS.m, h: NS.h };

/** Go's time.ParseDuration ("300ms", "-1.5h", "2h45m"); throws Go's error text. */
export function parseDuration(text: string): bigint {
  const invalid = () => new Error(`time: invalid duration ${goTimeQuote(text)}`);
  let s = text;
  let negative = false;
  if (s[0] === '-' || s[0] === '+') {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw invalid();
  let total = 0n;
  while (s !== '') {
    const m = /^([0-9]*)(?:\.([0-9]*))?/.exec(s)!;
    const [whole, frac] = [m[1], m[2]];
    if (!(s[0] === '.' || (s[0] >= '0' && s[0] <= '9'))) throw invalid();
    if (whole === '' && !frac) throw invalid();
    s = s.slice(m[0].length);
    const unitMatch = /^[^0-9.]*/.exec(s)![0];
    if (unitMatch === '') throw new Error(`time: missing unit in duration ${goTimeQuote(text)}`);
    s = s.slice(unitMatch.length);
    const unit = UNITS[unitMatch];
    if (unit === undefined) throw new Error(`time: unknown unit ${goTimeQuote(unitMatch)} in duration ${goTimeQuote(text)}`);
    const v = BigInt(whole || '0');
    if (v > (1n << 63n) / unit) throw invalid();
    let value = v * unit;
    if (frac) {
      // Go scales the fraction in float64 and truncates, as here.
      const digits = frac.slice(0, 19);
      value += BigInt(Math.trunc(Number(digits) * (Number(unit) / 10 ** digits.length)));
      if (value > 1n << 63n) throw invalid();
    }
    total += value;
    if (total > 1n << 63n) throw invalid();
  }
  if (negative) return -total;
  if (total > (1n << 63n) - 1n) throw invalid();
  return total;
}
