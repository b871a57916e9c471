// Sprig's math functions: int64 arithmetic over cast.ToInt64 operands, float64
// functions over cast.ToFloat64, and the decimal-exact addf/subf/mulf/divf family.
import { GoInteger, goFunc, type GoFunc, type GoValue } from '../govalue/types.ts';
import { expectInt } from './arg-types.ts';
import { toFloat64, toInt64 } from './coerce.ts';
import { decimalAdd, decimalDiv, decimalFromFloat, decimalMul, decimalSub, decimalToFloat } from './decimal.ts';

/** An int64 result, wrapping on overflow as Go does. */
const int64 = (v: bigint) => new GoInteger('int64', BigInt.asIntN(64, v));

function divide(fn: 'div' | 'mod', a: GoValue, b: GoValue): GoInteger {
  const x = toInt64(a);
  const y = toInt64(b);
  if (y === 0n) throw new Error('runtime error: integer divide by zero');
  return int64(fn === 'div' ? x / y : x % y);
}

type DecimalOp = typeof decimalAdd;

/** Sprig's execDecimalOp: folds the operands through exact decimal arithmetic. */
function decimalFold(first: GoValue, rest: GoValue[], op: DecimalOp): number {
  let acc = decimalFromFloat(toFloat64(first));
  for (const v of rest) acc = op(acc, decimalFromFloat(toFloat64(v)));
  return decimalToFloat(acc);
}

const variadic = { arity: 1, variadic: true };

/** Sprig's round: rounds up when the fraction reaches roundOn (default .5), else down. */
function round(a: GoValue, places: GoValue, ...roundOn: GoValue[]): number {
  const threshold = roundOn.length > 0 ? toFloat64(roundOn[0]) : 0.5;
  const pow = 10 ** expectInt('round', places);
  const digit = pow * toFloat64(a);
  const fraction = digit % 1; // math.Modf's fractional part keeps the sign
  return (fraction >= threshold ? Math.ceil(digit) : Math.floor(digit)) / pow;
}

function maxInt(a: GoValue, ...rest: GoValue[]): GoInteger {
  return int64(rest.reduce<bigint>((acc, v) => { const x = toInt64(v); return x > acc ? x : acc; }, toInt64(a)));
}

function minInt(a: GoValue, ...rest: GoValue[]): GoInteger {
  return int64(rest.reduce<bigint>((acc, v) => { const x = toInt64(v); return x < acc ? x : acc; }, toInt64(a)));
}

/** math.Max / math.Min: NaN wins, and the signs of zeros are ordered. */
function goMax(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  if (a === 0 && b === 0) return Object.is(a, -0) ? b : a;
  return a > b ? a : b;
}

function goMin(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  if (a === 0 && b === 0) return Object.is(a, -0) ? a : b;
  return a < b ? a : b;
}

export const mathFunctions: Record<string, GoFunc> = {
  add1: goFunc('add1', (v) => int64(toInt64(v) + 1n)),
  add: goFunc('add', (...vs: GoValue[]) => int64(vs.reduce<bigint>((acc, v) => BigInt.asIntN(64, acc + toInt64(v)), 0n)),
    { arity: 0, variadic: true }),
  sub: goFunc('sub', (a, b) => int64(toInt64(a) - toInt64(b))),
  div: goFunc('div', (a, b) => divide('div', a, b)),
  mod: goFunc('mod', (a, b) => divide('mod', a, b)),
  mul: goFunc('mul', (a: GoValue, ...vs: GoValue[]) =>
    int64(vs.reduce<bigint>((acc, v) => BigInt.asIntN(64, acc * toInt64(v)), toInt64(a))), variadic),
  add1f: goFunc('add1f', (v) => decimalFold(v, [1n], decimalAdd)),
  addf: goFunc('addf', (...vs: GoValue[]) => decimalFold(0, vs, decimalAdd), { arity: 0, variadic: true }),
  subf: goFunc('subf', (a: GoValue, ...vs: GoValue[]) => decimalFold(a, vs, decimalSub), variadic),
  mulf: goFunc('mulf', (a: GoValue, ...vs: GoValue[]) => decimalFold(a, vs, decimalMul), variadic),
  divf: goFunc('divf', (a: GoValue, ...vs: GoValue[]) => decimalFold(a, vs, decimalDiv), variadic),
  biggest: goFunc('biggest', maxInt, variadic),
  max: goFunc('max', maxInt, variadic),
  min: goFunc('min', minInt, variadic),
  maxf: goFunc('maxf', (a: GoValue, ...vs: GoValue[]) => vs.reduce<number>((acc, v) => goMax(acc, toFloat64(v)), toFloat64(a)), variadic),
  minf: goFunc('minf', (a: GoValue, ...vs: GoValue[]) => vs.reduce<number>((acc, v) => goMin(acc, toFloat64(v)), toFloat64(a)), variadic),
  floor: goFunc('floor', (v) => Math.floor(toFloat64(v))),
  ceil: goFunc('ceil', (v) => Math.ceil(toFloat64(v))),
  round: goFunc('round', round, { arity: 2, variadic: true }),
};
