// Argument checks for template functions whose Go signatures take concrete types
// (string, int): text/template rejects other types with "wrong type for value".
import { GoInteger, GoTime, isGoFunc, isGoMap, isGoObject, sliceElemType, type GoValue } from '../template/gotypes.ts';

/** The Go type name of a value, as it appears in argument-type errors. */
export function goTypeName(v: GoValue): string {
  if (v === null) return '<nil>';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof GoInteger) return v.kind;
  if (v instanceof GoTime) return 'time.Time';
  if (v instanceof Uint8Array) return '[]uint8';
  if (Array.isArray(v)) return `[]${sliceElemType(v)}`;
  if (isGoFunc(v)) return 'func';
  if (isGoObject(v)) return v.goType;
  if (isGoMap(v)) return 'map[string]interface {}';
  return 'interface {}';
}

function wrongType(fn: string, expected: string, v: GoValue): Error {
  return new Error(`${fn}: wrong type for value; expected ${expected}; got ${goTypeName(v)}`);
}

export function expectString(fn: string, v: GoValue): string {
  if (typeof v !== 'string') throw wrongType(fn, 'string', v);
  return v;
}

/** A Go `int` parameter: template integer constants arrive as bigint. */
export function expectInt(fn: string, v: GoValue): number {
  if (typeof v !== 'bigint') throw wrongType(fn, 'int', v);
  return Number(v);
}
