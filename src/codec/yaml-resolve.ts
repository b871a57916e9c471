// go-yaml v2's resolution of plain (unquoted) scalars: YAML 1.1 booleans and nulls,
// Go-style integers (0x, 0o, 0b, leading-0 octal, underscores) and floats.

/** A resolved scalar: ints stay exact as bigint, floats are numbers. */
export type ResolvedScalar =
  | { tag: 'str'; value: string }
  | { tag: 'bool'; value: boolean }
  | { tag: 'null'; value: null }
  | { tag: 'int'; value: bigint }
  | { tag: 'float'; value: number }
  | { tag: 'merge'; value: string };

const exactWords = new Map<string, ResolvedScalar>();
const define = (words: string, scalar: ResolvedScalar) => {
  for (const word of words.split(' ')) exactWords.set(word, scalar);
};
define('y Y yes Yes YES on On ON true True TRUE', { tag: 'bool', value: true });
define('n N no No NO off Off OFF false False FALSE', { tag: 'bool', value: false });
define('~ null Null NULL', { tag: 'null', value: null });
define('.nan .NaN .NAN', { tag: 'float', value: NaN });
define('.inf .Inf .INF +.inf +.Inf +.INF', { tag: 'float', value: Infinity });
define('-.inf -.Inf -.INF', { tag: 'float', value: -Infinity });
define('<<', { tag: 'merge', value: '<<' });

const yamlStyleFloat = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT64_MIN = -(1n << 63n);
const UINT64_MAX = (1n << 64n) - 1n;

/** Go's strconv.ParseInt(s, 0, 64) / ParseUint(s, 0, 64) range, or undefined when invalid. */
export function parseGoInteger(text: string): bigint | undefined {
  const match = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (!match) return undefined;
  const [, sign, digits] = match;
  const body = /^0[0-7]+$/.test(digits) ? '0o' + digits.slice(1) : digits;
  const magnitude = BigInt(body.toLowerCase());
  const value = sign === '-' ? -magnitude : magnitude;
  if (value < INT64_MIN || value > UINT64_MAX) return undefined;
  return value;
}

/** What go-yaml v2 makes of an untagged plain scalar. */
export function resolvePlain(text: string): ResolvedScalar {
  if (text === '') return { tag: 'null', value: null };
  const exact = exactWords.get(text);
  if (exact) return exact;
  if (!/^[-+0-9.]/.test(text)) return { tag: 'str', value: text };
  const plain = text.replaceAll('_', '');
  const integer = parseGoInteger(plain);
  if (integer !== undefined) return { tag: 'int', value: integer };
  if (yamlStyleFloat.test(plain)) return { tag: 'float', value: Number(plain) };
  return { tag: 'str', value: text };
}

/** go-yaml v2 quotes strings that read back as base-60 floats ("1:20") even though it never resolves them. */
export function isBase60Float(text: string): boolean {
  return /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(text);
}

/** go-yaml v2's parseTimestamp formats: 2006-1-2, with T/t or space and a time, zone only after T/t. */
export function looksLikeTimestamp(text: string): boolean {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([Tt])(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})| (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?)?$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return false;
  const [hour, minute, second] = match[4] ? [match[5], match[6], match[7]] : [match[8], match[9], match[10]];
  if (hour === undefined) return true;
  return Number(hour) < 24 && Number(minute) < 60 && Number(second) < 60;
}

/**
 * Whether go-yaml must quote `text` so that it reads back as a string. The YAML 1.1
 * booleans (yes, off, ...) read as strings in v3, but v3 still quotes them for v1.1 readers.
 */
export function needsQuotesToStayString(text: string): boolean {
  if (resolvePlain(text).tag !== 'str' || isBase60Float(text)) return true;
  return /^[-+0-9]/.test(text) && looksLikeTimestamp(text);
}

/** The value of an untagged plain scalar (a merge key's `<<` read as a value stays text). */
export function plainScalarValue(text: string): string | boolean | null | bigint | number {
  const resolved = resolvePlain(text);
  return resolved.tag === 'merge' ? text : resolved.value;
}
