// Sprig's conversion functions: atoi, int, int64, float64, toDecimal, toString and
// toStrings, with spf13/cast's lenient rules (unconvertible input gives zero).
import { GoInteger, goFunc, type GoFunc, type GoValue } from '../govalue/types.ts';
import { sprint } from '../gofmt/fmt.ts';
import { expectString } from './arg-types.ts';
import { parseGoInt, strslice, strval, toFloat64, toInt64 } from './coerce.ts';

/** strconv.Atoi with the error dropped: syntax errors give 0, overflow the clamped value. */
function atoi(s: GoValue): bigint {
  const parsed = parseGoInt(expectString('atoi', s), 10);
  return parsed ? parsed.value : 0n;
}

/** Sprig's toDecimal: the operand's %v text read as octal; invalid input gives 0. */
function toDecimal(v: GoValue): GoInteger {
  const parsed = parseGoInt(sprint(v), 8);
  return new GoInteger('int64', parsed && !parsed.rangeError ? parsed.value : 0n);
}

export const conversionFunctions: Record<string, GoFunc> = {
  atoi: goFunc('atoi', atoi),
  int: goFunc('int', (v) => toInt64(v)),
  int64: goFunc('int64', (v) => new GoInteger('int64', toInt64(v))),
  float64: goFunc('float64', (v) => toFloat64(v)),
  toDecimal: goFunc('toDecimal', toDecimal),
  toString: goFunc('toString', (v) => strval(v)),
  toStrings: goFunc('toStrings', (v) => strslice(v)),
};
