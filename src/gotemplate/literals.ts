// Go literal syntax inside actions: interpreted strings, runes and number constants, decoded
// as strconv.Unquote and the template parser's number rules do.

const simpleEscapes: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"' };

/** Decodes the body of a Go "..." or '...' literal; throws Error("invalid syntax") like strconv. */
export function unquoteGo(quoted: string): string {
  const quote = quoted[0];
  if (quote === '`') return quoted.slice(1, -1).replace(/\r/g, '');
  const body = quoted.slice(1, -1);
  // Most literals have no escapes: the text is the value (a bare quote inside is still an error).
  if (!body.includes('\\')) {
    if (body.includes(quote)) throw new Error('invalid syntax');
    return body;
  }
  let out = '';
  const bytes: number[] = [];
  const flush = () => {
    if (bytes.length) out += Buffer.from(bytes).toString('utf8');
    bytes.length = 0;
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      flush();
      if (c === quote) throw new Error('invalid syntax');
      out += c;
      continue;
    }
    const e = body[++i];
    if (e in simpleEscapes && (e !== "'" || quote === "'") && (e !== '"' || quote === '"')) {
      flush();
      out += simpleEscapes[e];
    } else if (e === 'x') {
      const hex = body.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new Error('invalid syntax');
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (/[0-7]/.test(e)) {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) throw new Error('invalid syntax');
      bytes.push(parseInt(oct, 8));
      i += 2;
    } else if (e === 'u' || e === 'U') {
      const n = e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) throw new Error('invalid syntax');
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw new Error('invalid syntax');
      flush();
      out += String.fromCodePoint(cp);
      i += n;
    } else {
      throw new Error('invalid syntax');
    }
  }
  flush();
  return out;
}

export interface NumberConstant {
  isInt: boolean; int?: bigint;
  isUint: boolean;
  isFloat: boolean; float?: number;
  isChar: boolean;
}

const maxInt64 = 9223372036854775807n;
const minInt64 = -9223372036854775808n;
const maxUint64 = 18446744073709551615n;

/** Go's strconv.ParseInt(s, 0, 64)-style parse of an integer literal (sign, prefixes, underscores). */
function parseIntLiteral(text: string): bigint | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(text);
  if (!m) return undefined;
  let digits = m[2];
  if (digits.includes('_')) {
    // Underscores only between digits or after a base prefix.
    if (!/^(0[xXoObB])?_?[0-9a-fA-F]+(_[0-9a-fA-F]+)*$/.test(digits)) return undefined;
    digits = digits.replace(/_/g, '');
  }
  let value: bigint;
  if (/^0[xXoObB]/.test(digits)) value = BigInt(digits.toLowerCase());
  else if (/^0[0-7]+$/.test(digits)) value = BigInt(`0o${digits.slice(1)}`);
  else value = BigInt(digits);
  return m[1] === '-' ? -value : value;
}

/** Whether text is a plain decimal integer that a double holds exactly (the usual `indent 4`, `trunc 63`). */
function isSmallDecimal(text: string): boolean {
  const length = text.length;
  if (length === 0 || length > 15 || (text.charCodeAt(0) === 48 && length > 1)) return false;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export function parseNumber(text: string): NumberConstant {
  if (isSmallDecimal(text)) {
    const float = Number(text);
    return { isInt: true, int: BigInt(float), isUint: true, isFloat: true, float, isChar: false };
  }
  if (text.startsWith("'")) {
    const s = unquoteGo(text);
    const cp = s.codePointAt(0);
    if (cp === undefined || [...s].length !== 1) throw new Error(`malformed character constant: ${text}`);
    return { isInt: true, int: BigInt(cp), isUint: true, isFloat: true, float: cp, isChar: true };
  }
  if (text.endsWith('i')) throw new Error(`illegal number syntax: ${JSON.stringify(text)}`);
  const n: NumberConstant = { isInt: false, isUint: false, isFloat: false, isChar: false };
  const i = parseIntLiteral(text);
  if (i !== undefined) {
    if (i >= minInt64 && i <= maxInt64) { n.isInt = true; n.int = i; }
    if (i >= 0n && i <= maxUint64) n.isUint = true;
    if (n.isInt || n.isUint) { n.isFloat = true; n.float = Number(i); }
  }
  if (!n.isInt && !n.isUint) {
    const cleaned = text.replace(/_/g, '');
    const f = /^[+-]?0[xX]/.test(cleaned) ? hexFloat(cleaned) : Number(cleaned);
    // An out-of-range float (1e400) is a ParseFloat error in Go: illegal number syntax.
    if (cleaned !== '' && Number.isFinite(f) && /^[+-]?(\d|\.\d|0[xX])/.test(cleaned)) {
      if (!/[.eEpP]/.test(text)) throw new Error(`integer overflow: ${JSON.stringify(text)}`);
      n.isFloat = true;
      n.float = f;
      if (Number.isInteger(f) && Math.abs(f) < 2 ** 63) { n.isInt = true; n.int = BigInt(f); }
      if (Number.isInteger(f) && f >= 0 && f < 2 ** 64) n.isUint = true;
    }
  }
  if (!n.isInt && !n.isUint && !n.isFloat) throw new Error(`illegal number syntax: ${JSON.stringify(text)}`);
  return n;
}

function hexFloat(text: string): number {
  const m = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(text);
  if (!m) return NaN;
  const mantissa = parseInt(`${m[2] || '0'}${m[3] ?? ''}`, 16) / 16 ** (m[3]?.length ?? 0);
  const value = mantissa * 2 ** Number(m[4]);
  return m[1] === '-' ? -value : value;
}
