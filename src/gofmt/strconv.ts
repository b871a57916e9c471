// Go's strconv pieces that fmt printing relies on: FormatFloat with exact decimal
// rounding (ties to even), and Quote/QuoteRune/CanBackquote with Go's escape rules.

/** A decimal 0.digits × 10^dp with no trailing zeros in digits ("" means zero). */
interface Decimal { digits: string; dp: number }

/** A double as sign, integer mantissa and binary exponent: f = ±mant × 2^exp. */
function float64Parts(f: number): { negative: boolean; mant: bigint; exp: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, f);
  const bits = view.getBigUint64(0);
  const biasedExp = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  return {
    negative: bits >> 63n === 1n,
    mant: biasedExp === 0 ? fraction : fraction | (1n << 52n),
    exp: (biasedExp === 0 ? 1 : biasedExp) - 1075,
  };
}

/** The exact decimal expansion of a finite, non-negative double. */
function exactDecimal(f: number): Decimal {
  if (f === 0) return { digits: '', dp: 0 };
  const { mant, exp } = float64Parts(f);
  let digits: string;
  let dp: number;
  if (exp >= 0) {
    digits = (mant << BigInt(exp)).toString();
    dp = digits.length;
  } else {
    // mant / 2^k = mant * 5^k / 10^k
    digits = (mant * 5n ** BigInt(-exp)).toString();
    dp = digits.length + exp;
  }
  return trimZeros({ digits, dp });
}

function trimZeros(d: Decimal): Decimal {
  const digits = d.digits.replace(/0+$/, '');
  return digits === '' ? { digits: '', dp: 0 } : { digits, dp: d.dp };
}

/** Rounds to nd significant digits, ties to even as Go's decimal.Round does. */
function roundDecimal(d: Decimal, nd: number): Decimal {
  if (nd < 0 || nd >= d.digits.length) return d;
  const next = d.digits.charCodeAt(nd) - 48;
  const exactHalf = next === 5 && nd + 1 === d.digits.length;
  const up = next > 5 || (next === 5 && !exactHalf) ||
    (exactHalf && nd > 0 && (d.digits.charCodeAt(nd - 1) - 48) % 2 === 1);
  if (!up) return trimZeros({ digits: d.digits.slice(0, nd), dp: d.dp });
  let i = nd - 1;
  while (i >= 0 && d.digits[i] === '9') i--;
  if (i < 0) return { digits: '1', dp: d.dp + 1 };
  const digits = d.digits.slice(0, i) + String.fromCharCode(d.digits.charCodeAt(i) + 1);
  return { digits, dp: d.dp };
}

/** The shortest decimal that reads back as f (JS and Go agree on it). */
function shortestDecimal(f: number): Decimal {
  if (f === 0) return { digits: '', dp: 0 };
  const [mantissa, exponent] = f.toExponential().split('e');
  const digits = mantissa.replace('.', '');
  return trimZeros({ digits, dp: Number(exponent) + 1 });
}

function digitAt(d: Decimal, i: number): string {
  return i >= 0 && i < d.digits.length ? d.digits[i] : '0';
}

function formatE(d: Decimal, prec: number, letter: string): string {
  let out = digitAt(d, 0);
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) out += digitAt(d, i);
  }
  const exp = d.digits === '' ? 0 : d.dp - 1;
  const abs = Math.abs(exp);
  return `${out}${letter}${exp < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
}

function formatF(d: Decimal, prec: number): string {
  let out = '';
  if (d.dp > 0) for (let i = 0; i < d.dp; i++) out += digitAt(d, i);
  else out = '0';
  if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) out += digitAt(d, d.dp + i);
  }
  return out;
}

/** strconv.FormatFloat(f, fmt, prec, 64); prec -1 asks for the shortest representation. */
export function formatFloat(f: number, fmt: 'e' | 'E' | 'f' | 'g' | 'G', prec: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  const sign = f < 0 || Object.is(f, -0) ? '-' : '';
  const abs = Math.abs(f);
  const shortest = prec < 0;
  let d: Decimal;
  if (shortest) {
    d = shortestDecimal(abs);
    prec = fmt === 'e' || fmt === 'E' ? Math.max(d.digits.length - 1, 0)
      : fmt === 'f' ? Math.max(d.digits.length - d.dp, 0)
      : d.digits.length;
  } else {
    const exact = exactDecimal(abs);
    if (fmt === 'e' || fmt === 'E') d = roundDecimal(exact, prec + 1);
    else if (fmt === 'f') d = roundDecimal(exact, exact.dp + prec);
    else {
      if (prec === 0) prec = 1;
      d = roundDecimal(exact, prec);
    }
  }
  if (fmt === 'e' || fmt === 'E') return sign + formatE(d, prec, fmt);
  if (fmt === 'f') return sign + formatF(d, prec);
  // %g: exponent form when the exponent is < -4 or >= the precision (6 when shortest).
  const nd = d.digits.length;
  let eprec = prec;
  if (eprec > nd && nd >= d.dp) eprec = nd;
  if (shortest) eprec = 6;
  const exp = d.dp - 1;
  if (exp < -4 || exp >= eprec) {
    if (prec > nd) prec = nd;
    return sign + formatE(d, prec - 1, fmt === 'g' ? 'e' : 'E');
  }
  if (prec > d.dp) prec = nd;
  return sign + formatF(d, Math.max(prec - d.dp, 0));
}

/** strconv.FormatFloat(f, 'b', -1, 64): decimal mantissa and binary exponent. */
export function formatFloatBinary(f: number): string {
  const { negative, mant, exp } = float64Parts(f);
  return `${negative ? '-' : ''}${mant}p${exp < 0 ? '-' : '+'}${Math.abs(exp)}`;
}

/** strconv.FormatFloat(f, 'x', prec, 64): hexadecimal mantissa, binary exponent. */
export function formatFloatHex(f: number, prec: number, upper: boolean): string {
  const parts = float64Parts(f);
  const sign = parts.negative ? '-' : '';
  let mant = parts.mant;
  // Exponent of the leading bit (bit 52) rather than of the integer mantissa.
  let exp = parts.exp + 52;
  if (mant === 0n) exp = 0;
  else {
    // Normalise a subnormal so the leading 1 sits at bit 52.
    while (!(mant & (1n << 52n))) { mant <<= 1n; exp--; }
  }
  // Leading digit plus 13 hex digits of fraction, rounded to prec digits (ties to even).
  let frac = mant & ((1n << 52n) - 1n);
  let lead = mant >> 52n;
  if (prec >= 0 && prec < 13) {
    const drop = BigInt((13 - prec) * 4);
    const half = 1n << (drop - 1n);
    const rest = frac & ((1n << drop) - 1n);
    frac >>= drop;
    if (rest > half || (rest === half && (frac & 1n) === 1n)) frac++;
    if (frac >> BigInt(prec * 4)) { frac = 0n; lead++; }
    if (lead > 1n) { lead = 1n; exp++; }
  }
  let hex = frac.toString(16).padStart(prec >= 0 && prec < 13 ? prec : 13, '0');
  if (prec < 0) hex = hex.replace(/0+$/, '');
  else if (prec > 13) hex = hex.padEnd(prec, '0');
  let out = `0x${lead}${hex === '' ? '' : '.' + hex}p${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  if (upper) out = out.toUpperCase();
  return sign + out;
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrint(r: number): boolean {
  // ASCII from the code: the Unicode classes cost ~2 ms to compile, on first use in each process.
  if (r < 0x80) return r >= 0x20 && r < 0x7f;
  return PRINTABLE.test(String.fromCodePoint(r));
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

function escapeRune(r: number, quote: string, asciiOnly: boolean): string {
  const ch = String.fromCodePoint(r);
  if (ch === quote || ch === '\\') return `\\${ch}`;
  if (asciiOnly ? r < 0x80 && isPrint(r) : isPrint(r)) return ch;
  switch (ch) {
    case '\x07': return '\\a';
    case '\b': return '\\b';
    case '\f': return '\\f';
    case '\n': return '\\n';
    case '\r': return '\\r';
    case '\t': return '\\t';
    case '\v': return '\\v';
  }
  if (r < 0x20 || r === 0x7f) return `\\x${hex(r, 2)}`;
  // Lone surrogates cannot come from valid UTF-8; Go shows them as the replacement rune.
  if (r >= 0xd800 && r <= 0xdfff) return '\\ufffd';
  return r < 0x10000 ? `\\u${hex(r, 4)}` : `\\U${hex(r, 8)}`;
}

/** strconv.Quote (or QuoteToASCII with asciiOnly). */
export function goQuote(s: string, asciiOnly = false): string {
  // Runs of printable ASCII other than '"' and '\\' are copied whole: quoting a large value
  // character by character ran interpreted and showed up in whole-chart profiles.
  if (quoteSafe.test(s)) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length;) {
    quoteSafeRun.lastIndex = i;
    if (quoteSafeRun.test(s)) {
      out += s.slice(i, quoteSafeRun.lastIndex);
      i = quoteSafeRun.lastIndex;
      continue;
    }
    const r = s.codePointAt(i)!;
    out += escapeRune(r, '"', asciiOnly);
    i += r > 0xffff ? 2 : 1;
  }
  return `${out}"`;
}

const quoteSafe = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
const quoteSafeRun = /[\x20\x21\x23-\x5b\x5d-\x7e]+/y;

/** strconv.QuoteRune (or QuoteRuneToASCII with asciiOnly). */
export function goQuoteRune(r: number, asciiOnly = false): string {
  return `'${escapeRune(r, "'", asciiOnly)}'`;
}

/** strconv.CanBackquote: one line, no backquote, no control characters but tab. */
export function canBackquote(s: string): boolean {
  for (const ch of s) {
    const r = ch.codePointAt(0)!;
    if (ch === '`' || r === 0xfeff || (r < 0x20 && r !== 0x09) || r === 0x7f) return false;
    if (r >= 0xd800 && r <= 0xdfff) return false;
  }
  return true;
}
