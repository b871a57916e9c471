// JSON types and equality of instance values (Go values: float64, int, int64, maps, slices) and
// schema values (parsed JSON), as santhosh-tekuri/jsonschema defines them.
import { isGoMap } from '../../govalue/types.ts';
import { isJsonNumber, numbersEqual } from './json-number.ts';

export const NULL = 1;
export const BOOLEAN = 2;
export const NUMBER = 4;
export const INTEGER = 8;
export const STRING = 16;
export const ARRAY = 32;
export const OBJECT = 64;

/** Type names in the order the library lists them in "want ...". */
export const typeNames: readonly [number, string][] = [
  [NULL, 'null'], [BOOLEAN, 'boolean'], [NUMBER, 'number'], [INTEGER, 'integer'], [STRING, 'string'], [ARRAY, 'array'], [OBJECT, 'object'],
];

export function typeBit(name: string): number {
  for (const [bit, n] of typeNames) if (n === name) return bit;
  return 0;
}

export type JsonObject = Record<string, unknown>;

export function isJsonObject(v: unknown): v is JsonObject {
  return isGoMap(v);
}

/** The JSON type of a value (integers are "number"), or 0 for what JSON cannot hold. */
export function typeOf(v: unknown): number {
  if (v === null || v === undefined) return NULL;
  switch (typeof v) {
    case 'boolean': return BOOLEAN;
    case 'string': return STRING;
    case 'number': return Number.isFinite(v) ? NUMBER : 0;
    case 'bigint': return NUMBER;
  }
  if (Array.isArray(v)) return ARRAY;
  if (isJsonNumber(v)) return NUMBER;
  return isJsonObject(v) ? OBJECT : 0;
}

export function typeName(bit: number): string {
  for (const [b, n] of typeNames) if (b === bit) return n;
  return '';
}

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isJsonNumber(a)) return isJsonNumber(b) && numbersEqual(a, b);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k) || !jsonEqual((a as JsonObject)[k], (b as JsonObject)[k])) return false;
  }
  return true;
}

/** The first pair [j, i] (j < i, smallest i, then smallest j) of equal items, or undefined. */
export function firstDuplicate(items: readonly unknown[]): [number, number] | undefined {
  if (items.length <= 20) {
    for (let i = 1; i < items.length; i++) {
      for (let j = 0; j < i; j++) if (jsonEqual(items[i], items[j])) return [j, i];
    }
    return undefined;
  }
  // Long arrays: bucket by a cheap key first (numbers share one bucket: 1 equals 1.0 and 1n).
  const buckets = new Map<string, number[]>();
  for (let i = 0; i < items.length; i++) {
    const key = bucketKey(items[i]);
    const earlier = buckets.get(key);
    if (earlier) {
      for (const j of earlier) if (jsonEqual(items[i], items[j])) return [j, i];
      earlier.push(i);
    } else buckets.set(key, [i]);
  }
  return undefined;
}

function bucketKey(v: unknown): string {
  const t = typeOf(v);
  if (t === STRING) return `s${v as string}`;
  if (t === BOOLEAN) return `b${String(v)}`;
  if (t === ARRAY) return `a${(v as unknown[]).length}`;
  if (t === OBJECT) return `o${Object.keys(v as object).sort().join('\u0000')}`;
  return `t${t}`;
}
