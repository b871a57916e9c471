// Argument checks for template functions whose Go signatures take concrete types
// (string, int): text/template rejects other types with "wrong type for value".
import { goTypeName } from '../gofmt/fmt.ts';
import type { GoValue } from '../govalue/types.ts';

export { goTypeName };

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
