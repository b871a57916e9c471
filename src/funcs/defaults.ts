// Sprig's default functions: default, empty, coalesce, all, any and ternary, built on
// Sprig's notion of emptiness (nil, zero, false, "" and empty collections).
import { goFunc, type GoFunc, type GoValue } from '../govalue/types.ts';
import { expectBool, isEmpty } from './coerce.ts';

export const defaultFunctions: Record<string, GoFunc> = {
  // `default d` with no piped value also yields d.
  default: goFunc('default', (d: GoValue, ...given: GoValue[]) =>
    given.length === 0 || isEmpty(given[0]) ? d : given[0], { arity: 1, variadic: true }),
  empty: goFunc('empty', (v) => isEmpty(v)),
  coalesce: goFunc('coalesce', (...vs: GoValue[]) => vs.find((v) => !isEmpty(v)) ?? null, { arity: 0, variadic: true }),
  all: goFunc('all', (...vs: GoValue[]) => vs.every((v) => !isEmpty(v)), { arity: 0, variadic: true }),
  any: goFunc('any', (...vs: GoValue[]) => vs.some((v) => !isEmpty(v)), { arity: 0, variadic: true }),
  ternary: goFunc('ternary', (whenTrue, whenFalse, cond) => expectBool('ternary', cond) ? whenTrue : whenFalse),
};
