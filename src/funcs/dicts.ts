// Sprig's dict functions: dict, get, set, unset, hasKey, pluck, keys, values, pick,
// omit, dig, merge/mergeOverwrite (mutating the destination) and deepCopy.
import { GoTime, goFunc, isGoMap, markSliceType, type GoFunc, type GoMap, type GoValue } from '../govalue/types.ts';
import { goTypeName } from '../gofmt/fmt.ts';
import { expectString } from './arg-types.ts';
import { expectMap, strval } from './coerce.ts';
import { mergeInto } from './merge.ts';

function dict(...pairs: GoValue[]): GoMap {
  const out: GoMap = {};
  for (let i = 0; i < pairs.length; i += 2) {
    // A trailing key without a value maps to "".
    out[strval(pairs[i])] = i + 1 < pairs.length ? pairs[i + 1] : '';
  }
  return out;
}

/** Go's panic text for a failed x.(map[string]interface{}) or x.(string) assertion. */
function assertionPanic(v: GoValue, want: string): Error {
  const got = v === null ? 'nil' : goTypeName(v);
  return new Error(`interface conversion: interface {} is ${got}, not ${want}`);
}

/** dig "a" "b" default dict: walks nested maps, the default when a key is missing. */
function dig(...args: GoValue[]): GoValue {
  if (args.length < 3) throw new Error('dig needs at least three arguments');
  let current = args[args.length - 1];
  const fallback = args[args.length - 2];
  const keys = args.slice(0, -2).map((k) => {
    if (typeof k !== 'string') throw assertionPanic(k, 'string');
    return k;
  });
  for (const [i, key] of keys.entries()) {
    if (!isGoMap(current)) throw assertionPanic(current, 'map[string]interface {}');
    if (!Object.hasOwn(current, key)) return fallback;
    current = current[key];
    if (i === keys.length - 1) return current;
  }
  return fallback;
}

// A nil argument is refused here; the template engine gives Go's nil map where Go's
// argument checks would (the nil literal, no value), and "got interface {}" where they would
// not (a nil read straight from the values).
function merge(fn: string, overwrite: boolean) {
  return (dst: GoValue, ...srcs: GoValue[]): GoValue => {
    const target = expectMap(fn, dst);
    for (const src of srcs) mergeInto(target, expectMap(fn, src), overwrite);
    return target;
  };
}

/** copystructure.Copy: maps and slices are copied deeply, everything else shared. */
function deepCopy(v: GoValue): GoValue {
  // copystructure asks reflect for the type of a nil operand, which panics.
  if (v === null) throw new Error('reflect: call of reflect.Value.Type on zero Value');
  return copyValue(v);
}

function copyValue(v: GoValue): GoValue {
  if (Array.isArray(v)) {
    const copy = v.map(copyValue);
    return goTypeName(v) === '[]interface {}' ? copy : markSliceType(copy, goTypeName(v).slice(2));
  }
  if (v instanceof Uint8Array) return v.slice();
  if (v instanceof GoTime) return new GoTime(v.epochNanos, v.location);
  if (isGoMap(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copyValue(x)]));
  return v;
}

const variadic = { arity: 1, variadic: true };

export const dictFunctions: Record<string, GoFunc> = {
  dict: goFunc('dict', dict, { arity: 0, variadic: true }),
  get: goFunc('get', (d, key) => {
    const map = expectMap('get', d);
    const k = expectString('get', key);
    return Object.hasOwn(map, k) ? map[k] : '';
  }),
  set: goFunc('set', (d, key, value) => {
    const map = expectMap('set', d);
    map[expectString('set', key)] = value;
    return map;
  }),
  unset: goFunc('unset', (d, key) => {
    const map = expectMap('unset', d);
    delete map[expectString('unset', key)];
    return map;
  }),
  hasKey: goFunc('hasKey', (d, key) => Object.hasOwn(expectMap('hasKey', d), expectString('hasKey', key))),
  pluck: goFunc('pluck', (name: GoValue, ...dicts: GoValue[]) => {
    const key = expectString('pluck', name);
    return dicts.map((d) => expectMap('pluck', d)).filter((d) => Object.hasOwn(d, key)).map((d) => d[key]);
  }, variadic),
  // Go's map order is random; Helm charts sort the result (sortAlpha) when order matters.
  keys: goFunc('keys', (...dicts: GoValue[]) =>
    markSliceType(dicts.flatMap((d) => Object.keys(expectMap('keys', d))), 'string'), { arity: 0, variadic: true }),
  values: goFunc('values', (d) => Object.values(expectMap('values', d))),
  pick: goFunc('pick', (d: GoValue, ...keys: GoValue[]) => {
    const map = expectMap('pick', d);
    const out: GoMap = {};
    for (const k of keys.map((k) => expectString('pick', k))) if (Object.hasOwn(map, k)) out[k] = map[k];
    return out;
  }, variadic),
  omit: goFunc('omit', (d: GoValue, ...keys: GoValue[]) => {
    const map = expectMap('omit', d);
    const drop = new Set(keys.map((k) => expectString('omit', k)));
    return Object.fromEntries(Object.entries(map).filter(([k]) => !drop.has(k)));
  }, variadic),
  dig: goFunc('dig', dig, { arity: 0, variadic: true }),
  merge: goFunc('merge', merge('merge', false), variadic),
  mustMerge: goFunc('mustMerge', merge('mustMerge', false), variadic),
  mergeOverwrite: goFunc('mergeOverwrite', merge('mergeOverwrite', true), variadic),
  mustMergeOverwrite: goFunc('mustMergeOverwrite', merge('mustMergeOverwrite', true), variadic),
  deepCopy: goFunc('deepCopy', deepCopy),
  mustDeepCopy: goFunc('mustDeepCopy', deepCopy),
};
