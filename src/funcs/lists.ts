// Sprig's list functions (list, append, first, slice, uniq, chunk, until, seq, ...),
// each with its must* variant; the plain variant panics where the must one errors.
import { goFunc, markSliceType, subslice, type GoFunc, type GoValue } from '../govalue/types.ts';
import { goKind, sprint } from '../gofmt/fmt.ts';
import { expectInt } from './arg-types.ts';
import { deepEqual, isEmpty, isList, listItems, nilKindPanic, toInt64 } from './coerce.ts';

/** The elements of a list argument, or Sprig's "Cannot <what> type X" error. */
function itemsOf(v: GoValue, message: (kind: string) => string): GoValue[] {
  if (v === null) throw nilKindPanic();
  if (!isList(v)) throw new Error(message(goKind(v)));
  return listItems(v);
}

const onType = (what: string) => (kind: string) => `Cannot ${what} on type ${kind}`;

/** Defines `name` and `mustName`; both surface the same error text through the template. */
function withMust(name: string, fn: (...args: GoValue[]) => GoValue, opts?: { arity?: number; variadic?: boolean }):
  Record<string, GoFunc> {
  const must = `must${name[0].toUpperCase()}${name.slice(1)}`;
  return { [name]: goFunc(name, fn, opts), [must]: goFunc(must, fn, opts) };
}

const push = (list: GoValue, v: GoValue) => [...itemsOf(list, onType('push')), v];



function uniq(list: GoValue): GoValue[] {
  const out: GoValue[] = [];
  for (const item of itemsOf(list, onType('find uniq'))) {
    if (!out.some((seen) => deepEqual(seen, item))) out.push(item);
  }
  return out;
}

function without(list: GoValue, ...omit: GoValue[]): GoValue[] {
  return itemsOf(list, onType('find without')).filter((item) => !omit.some((o) => deepEqual(o, item)));
}

function has(needle: GoValue, haystack: GoValue): boolean {
  if (haystack === null) return false;
  return itemsOf(haystack, onType('find has')).some((item) => deepEqual(needle, item));
}

/** Sprig's slice: list[start:end] keeping the slice's type; an empty list gives nil. */
function slice(list: GoValue, ...indices: GoValue[]): GoValue {
  if (list === null) throw nilKindPanic();
  if (!isList(list)) throw new Error(`list should be type of slice or array but ${goKind(list)}`);
  if (list.length === 0) return null;
  const start = indices.length > 0 ? toInt64(indices[0]) : 0n;
  const end = indices.length > 1 ? toInt64(indices[1]) : BigInt(list.length);
  if (start < 0n || end < start || end > BigInt(list.length)) {
    throw new Error('reflect.Value.Slice: slice index out of bounds');
  }
  if (list instanceof Uint8Array) return list.slice(Number(start), Number(end));
  return subslice(list, Number(start), Number(end));
}

/** Sprig's chunk: [][]interface{} of size-long pieces, the last one shorter. */
function chunk(size: GoValue, list: GoValue): GoValue[] {
  const n = expectInt('chunk', size);
  const items = itemsOf(list, (kind) => `Cannot chunk type ${kind}`);
  if (n <= 0) throw new Error('runtime error: integer divide by zero');
  const chunks: GoValue[] = [];
  for (let i = 0; i < items.length; i += n) chunks.push(items.slice(i, i + n));
  return markSliceType(chunks, '[]interface {}');
}

function concat(...lists: GoValue[]): GoValue[] {
  return lists.flatMap((list) => {
    if (list === null) throw nilKindPanic();
    if (!isList(list)) throw new Error(`Cannot concat type ${goKind(list)} as list`);
    return listItems(list);
  });
}

/** Sprig's untilStep: []int from start towards stop; a step pointing away gives []. */
function untilStep(start: number, stop: number, step: number): bigint[] {
  const out: bigint[] = [];
  if (stop < start) {
    if (step < 0) for (let i = start; i > stop; i += step) out.push(BigInt(i));
  } else if (step > 0) {
    for (let i = start; i < stop; i += step) out.push(BigInt(i));
  }
  return markSliceType(out, 'int');
}

/** Sprig's seq, shaped like the Unix command: last, first last, or first step last. */
function seq(...params: GoValue[]): string {
  const ints = params.map((p) => expectInt('seq', p));
  let values: bigint[];
  if (ints.length === 1) {
    const inc = ints[0] < 1 ? -1 : 1;
    values = untilStep(1, ints[0] + inc, inc);
  } else if (ints.length === 2) {
    const step = ints[1] < ints[0] ? -1 : 1;
    values = untilStep(ints[0], ints[1] + step, step);
  } else if (ints.length === 3) {
    const [start, step, end] = ints;
    if (end < start && step > 0) return '';
    values = untilStep(start, end + (end < start ? -1 : 1), step);
  } else return '';
  // Sprig prints the []int with fmt and trims the brackets.
  return sprint(values).split(/\s+/).filter(Boolean).join(' ').replace(/^\[+|\]+$/g, '');
}

export const listFunctions: Record<string, GoFunc> = {
  list: goFunc('list', (...vs: GoValue[]) => vs, { arity: 0, variadic: true }),
  tuple: goFunc('tuple', (...vs: GoValue[]) => vs, { arity: 0, variadic: true }),
  ...withMust('append', push),
  ...withMust('push', push),
  ...withMust('prepend', (list, v) => [v, ...itemsOf(list, onType('prepend'))]),
  ...withMust('first', (list) => itemsOf(list, onType('find first'))[0] ?? null),
  ...withMust('rest', (list) => itemsOf(list, onType('find rest')).slice(1)),
  ...withMust('last', (list) => itemsOf(list, onType('find last')).at(-1) ?? null),
  ...withMust('initial', (list) => itemsOf(list, onType('find initial')).slice(0, -1)),
  ...withMust('reverse', (list) => itemsOf(list, onType('find reverse')).reverse()),
  ...withMust('uniq', uniq),
  ...withMust('without', without, { arity: 1, variadic: true }),
  ...withMust('has', has),
  ...withMust('slice', slice, { arity: 1, variadic: true }),
  ...withMust('chunk', chunk),
  ...withMust('compact', (list) => itemsOf(list, onType('compact')).filter((v) => !isEmpty(v))),
  concat: goFunc('concat', concat, { arity: 0, variadic: true }),
  until: goFunc('until', (count) => {
    const n = expectInt('until', count);
    return untilStep(0, n, n < 0 ? -1 : 1);
  }),
  untilStep: goFunc('untilStep', (start, stop, step) =>
    untilStep(expectInt('untilStep', start), expectInt('untilStep', stop), expectInt('untilStep', step))),
  seq: goFunc('seq', seq, { arity: 0, variadic: true }),
};
