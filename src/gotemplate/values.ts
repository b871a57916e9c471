// Value helpers of the executor: Go's notion of truth, basic kinds for comparisons, and the
// two flavours of "nothing" templates distinguish (see exec.ts): `undefined` is Go's invalid
// reflect.Value ("<no value>"), `null` is a nil interface found inside a field chain.
import { GoInteger, GoTime, isGoFunc, isGoMap, isGoObject, type GoValue } from '../govalue/types.ts';

/** A value during execution: a GoValue, or undefined for Go's invalid (absent) value. */
export type Value = GoValue | undefined;

export function truth(v: Value): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'bigint') return v !== 0n;
  if (v instanceof GoInteger) return v.value !== 0n;
  if (v instanceof Uint8Array || Array.isArray(v)) return v.length > 0;
  if (v instanceof GoTime || isGoObject(v) || isGoFunc(v)) return true;
  if (isGoMap(v)) return Object.keys(v).length > 0;
  return true;
}

export type BasicKind = 'bool' | 'int' | 'uint' | 'float' | 'string' | 'invalid' | 'other';

export function basicKind(v: Value): BasicKind {
  if (v === undefined || v === null) return 'invalid';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'float';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'bigint') return 'int';
  if (v instanceof GoInteger) return v.kind.startsWith('u') ? 'uint' : 'int';
  return 'other';
}

/** The integer in an int or uint kind value. */
export function integer(v: Value): bigint {
  return typeof v === 'bigint' ? v : (v as GoInteger).value;
}

/** Go's sort order for map keys in range and printing: strings by byte value. */
export function sortedKeys(m: Record<string, unknown>): string[] {
  const keys = Object.keys(m);
  // ASCII keys (nearly all) sort the same by UTF-16 code units, JavaScript's own order.
  if (keys.every((key) => asciiOnly.test(key))) return keys.sort();
  return keys.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

const asciiOnly = /^[\x00-\x7f]*$/;
