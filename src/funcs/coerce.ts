// Value conversions shared by the Sprig families: spf13/cast's ToInt64/ToFloat64,
// Go's strconv parsing, Sprig's strval/strslice, its `empty` notion and list access.
import { GoInteger, GoTime, isGoFunc, isGoMap, isGoObject, markSliceType, type GoMap, type GoValue } from '../govalue/types.ts';
import { goTypeName, sprintf } from '../gofmt/fmt.ts';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** underscoreOK from strconv: underscores only between digits or after a base prefix. */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s[0] === '+' || s[0] === '-') s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'boxBOX'.includes(s[1])) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i];
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) { saw = '0'; continue; }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/**
 * strconv.ParseInt(s, base, 64) with base 0, 8 or 10. Returns undefined on a syntax
 * error; on a range error returns the clamped value with rangeError set.
 */
export function parseGoInt(s: string, base: 0 | 8 | 10): { value: bigint; rangeError: boolean } | undefined {
  if (s === '') return undefined;
  const original = s;
  let negative = false;
  if (s[0] === '+' || s[0] === '-') {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  let radix: number = base === 0 ? 10 : base;
  let sawDigit = false;
  if (base === 0 && s[0] === '0') {
    const prefix = s[1]?.toLowerCase();
    if (s.length >= 3 && (prefix === 'b' || prefix === 'o' || prefix === 'x')) {
      radix = prefix === 'b' ? 2 : prefix === 'o' ? 8 : 16;
      s = s.slice(2);
    } else {
      // A bare leading 0 means octal, and is itself a digit ("0" parses).
      radix = 8;
      s = s.slice(1);
      sawDigit = true;
    }
  }
  let underscores = false;
  let magnitude = 0n;
  for (const c of s) {
    if (c === '_' && base === 0) { underscores = true; continue; }
    const d = parseInt(c, 36);
    if (Number.isNaN(d) || d >= radix) return undefined;
    magnitude = magnitude * BigInt(radix) + BigInt(d);
    sawDigit = true;
  }
  if (!sawDigit) return undefined;
  if (underscores && !underscoreOK(original)) return undefined;
  const value = negative ? -magnitude : magnitude;
  if (value > INT64_MAX) return { value: INT64_MAX, rangeError: true };
  if (value < INT64_MIN) return { value: INT64_MIN, rangeError: true };
  return { value, rangeError: false };
}

/** strconv.ParseFloat(s, 64); undefined on syntax or range errors. */
export function parseGoFloat(s: string): number | undefined {
  if (/^[+-]?(inf|infinity)$/i.test(s)) return s[0] === '-' ? -Infinity : Infinity;
  if (/^nan$/i.test(s)) return NaN;
  if (s.includes('_')) {
    if (!underscoreOK(s)) return undefined;
    s = s.replaceAll('_', '');
  }
  let value: number;
  const hexMatch = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)$/.exec(s);
  if (hexMatch) {
    const [, sign, intPart, fracPart, exp] = hexMatch;
    if (intPart === '' && fracPart === '') return undefined;
    const mantissa = BigInt(`0x${intPart}${fracPart}` === '0x' ? '0' : `0x${intPart}${fracPart}`);
    value = Number(mantissa) * 2 ** (Number(exp) - 4 * fracPart.length);
    if (sign === '-') value = -value;
  } else {
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return undefined;
    value = Number(s);
  }
  return Number.isFinite(value) ? value : undefined;
}

/** cast's trimZeroDecimal: "10.00" parses as an integer, "10.5" does not. */
function trimZeroDecimal(s: string): string {
  let foundZero = false;
  for (let i = s.length; i > 0; i--) {
    const c = s[i - 1];
    if (c === '.') { if (foundZero) return s.slice(0, i - 1); }
    else if (c === '0') foundZero = true;
    else return s;
  }
  return s;
}

/** Go's int64(f) conversion; out-of-range values give amd64's 0x8000000000000000. */
function truncateFloat(f: number): bigint {
  if (!Number.isFinite(f) || f >= 2 ** 63 || f < -(2 ** 63)) return INT64_MIN;
  return BigInt(Math.trunc(f));
}

/** The integer inside a Go integer value (int, int64, uint8, ...), or undefined. */
export function integerValue(v: GoValue): bigint | undefined {
  if (typeof v === 'bigint') return v;
  if (v instanceof GoInteger) return v.value;
  return undefined;
}

/** cast.ToInt64 with its error ignored (Sprig's toInt64): unconvertible values give 0. */
export function toInt64(v: GoValue): bigint {
  const int = integerValue(v);
  if (int !== undefined) return BigInt.asIntN(64, int);
  if (typeof v === 'number') return truncateFloat(v);
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'string') {
    const parsed = parseGoInt(trimZeroDecimal(v), 0);
    return parsed && !parsed.rangeError ? parsed.value : 0n;
  }
  return 0n;
}

/** cast.ToFloat64 with its error ignored: unconvertible values give 0. */
export function toFloat64(v: GoValue): number {
  const int = integerValue(v);
  if (int !== undefined) return Number(int);
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') return parseGoFloat(v) ?? 0;
  return 0;
}

/** Sprig's strval: strings as is, []byte as text, Stringers via String(), else %v. */
export function strval(v: GoValue): string {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8');
  return sprintf('%v', v);
}

/** Whether a value is a Go slice (the Sprig list functions' slice-or-array check). */
export function isList(v: GoValue): v is GoValue[] | Uint8Array {
  return Array.isArray(v) || v instanceof Uint8Array;
}

/** The elements of a slice as interface values ([]byte elements are uint8). */
export function listItems(v: GoValue[] | Uint8Array): GoValue[] {
  if (v instanceof Uint8Array) return Array.from(v, (b) => new GoInteger('uint8', BigInt(b)));
  return [...v];
}

/** Sprig's strslice (toStrings): nil elements are dropped, others go through strval. */
export function strslice(v: GoValue): string[] {
  if (Array.isArray(v) && goTypeName(v) === '[]string') return v as string[];
  if (isList(v)) return markSliceType(listItems(v).filter((x) => x !== null).map(strval), 'string');
  if (v === null) return markSliceType([], 'string');
  return markSliceType([strval(v)], 'string');
}

/** Sprig's empty: nil, zero numbers, false, "" and empty collections; structs never. */
export function isEmpty(v: GoValue): boolean {
  if (v === null) return true;
  if (typeof v === 'string') return v.length === 0;
  if (typeof v === 'boolean') return !v;
  if (typeof v === 'number') return v === 0;
  const int = integerValue(v);
  if (int !== undefined) return int === 0n;
  if (isList(v)) return v.length === 0;
  if (isGoMap(v)) return Object.keys(v).length === 0;
  return false;
}

/** Go's nil-pointer panic, which reflect.TypeOf(nil).Kind() raises in Sprig's list functions. */
export function nilKindPanic(): Error {
  return new Error('runtime error: invalid memory address or nil pointer dereference');
}

/** A text/template argument check for map[string]interface{} parameters. */
export function expectMap(fn: string, v: GoValue): GoMap {
  if (isGoMap(v)) return v;
  throw new Error(`${fn}: wrong type for value; expected map[string]interface {}; got ${goTypeName(v)}`);
}

/** A text/template argument check for bool parameters. */
export function expectBool(fn: string, v: GoValue): boolean {
  if (typeof v !== 'boolean') throw new Error(`${fn}: wrong type for value; expected bool; got ${goTypeName(v)}`);
  return v;
}

/** Whether two values are Go-identical types and values, as reflect.DeepEqual decides. */
export function deepEqual(a: GoValue, b: GoValue): boolean {
  if (a === null || b === null) return a === b;
  if (goTypeName(a) !== goTypeName(b)) return false;
  if (typeof a === 'number') return a === b;
  const ai = integerValue(a);
  if (ai !== undefined) return ai === integerValue(b);
  if (typeof a !== 'object') return a === b;
  if (a instanceof Uint8Array) return Buffer.compare(a, b as Uint8Array) === 0;
  if (Array.isArray(a)) {
    const bl = b as GoValue[];
    return a.length === bl.length && a.every((x, i) => deepEqual(x, bl[i]));
  }
  if (a instanceof GoTime) return a.epochNanos === (b as GoTime).epochNanos && a.location === (b as GoTime).location;
  if (isGoFunc(a)) return false; // Go funcs are equal only when both are nil
  if (isGoObject(a)) return a === b;
  const am = a as GoMap;
  const bm = b as GoMap;
  const keys = Object.keys(am);
  return keys.length === Object.keys(bm).length &&
    keys.every((k) => Object.hasOwn(bm, k) && deepEqual(am[k], bm[k]));
}
