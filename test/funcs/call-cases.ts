// Differential harness for template functions: each case is a call written once as
// template source and once as GoValues; helm renders the call (its %v output and its
// type) and our GoFunc must print the same, or fail with the error helm reports.
import assert from 'node:assert/strict';
import { GoInteger, markSliceType, type GoFunc, type GoValue } from '../../src/govalue/types.ts';
import { goTypeName, sprint } from '../../src/gofmt/fmt.ts';
import { helmError, helmEval, q } from './helm-eval.ts';

/** An operand: its template source and a builder for a fresh GoValue (calls may mutate). */
export interface Arg { src: string; make: () => GoValue }

export const int = (n: number | bigint): Arg => ({ src: String(n), make: () => BigInt(n) });
export const int64 = (n: number | bigint): Arg => ({ src: `(int64 ${n})`, make: () => new GoInteger('int64', BigInt(n)) });
/** A float64 from its Go literal (which must contain "." or "e"). */
export const float = (src: string): Arg => ({ src, make: () => Number(src) });
export const str = (s: string): Arg => ({ src: q(s), make: () => s });
export const bool = (b: boolean): Arg => ({ src: String(b), make: () => b });
export const NIL: Arg = { src: 'nil', make: () => null };
export const list = (...items: Arg[]): Arg =>
  ({ src: `(list ${items.map((a) => a.src).join(' ')})`, make: () => items.map((a) => a.make()) });
export const dict = (...pairs: [string, Arg][]): Arg => ({
  src: `(dict ${pairs.map(([k, a]) => `${q(k)} ${a.src}`).join(' ')})`,
  make: () => Object.fromEntries(pairs.map(([k, a]) => [k, a.make()])),
});
/** A []string built with splitList. */
export const strings = (...items: string[]): Arg => ({
  src: items.length === 0 ? '(slice (splitList "," "a") 0 0)' : `(splitList "," ${q(items.join(','))})`,
  make: () => markSliceType(items.length === 0 ? [] : [...items], 'string'),
});

export type Call = [fn: string, ...args: Arg[]];

const source = ([fn, ...args]: Call) => `(${fn} ${args.map((a) => a.src).join(' ')})`;

/** The call with each operand bound to a variable first, so argument type errors are
 * the function's own ("wrong type for value") rather than the parser's for constants. */
function snippet([fn, ...args]: Call, wrap: (call: string) => string): string {
  // nil cannot be assigned to a variable, so it stays inline.
  const operand = (a: Arg, i: number) => a.src === 'nil' ? 'nil' : `$a${i}`;
  const bindings = args.map((a, i) => a.src === 'nil' ? '' : `{{- $a${i} := ${a.src} -}}`).join('');
  return bindings + wrap(`(${fn} ${args.map(operand).join(' ')})`);
}

function run(funcs: Record<string, GoFunc>, [fn, ...args]: Call): { value?: GoValue; error?: string } {
  const f = funcs[fn];
  assert.ok(f, `no function ${fn}`);
  try {
    return { value: f.call(args.map((a) => a.make())) };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/**
 * Checks every call against helm: printed value and Go type for calls that render,
 * and for calls helm rejects, an error from us whose text appears in helm's message.
 */
export function checkCalls(funcs: Record<string, GoFunc>, calls: Call[], opts: { untypedMaps?: string[] } = {}): void {
  const ours = calls.map((c) => run(funcs, c));
  const renderable = calls.filter((_, i) => ours[i].error === undefined);
  const expected = helmEval(renderable.flatMap((c) => [snippet(c, (x) => `{{ ${x} }}`), snippet(c, (x) => `{{ typeOf ${x} }}`)]));
  let k = 0;
  calls.forEach((call, i) => {
    const { value, error } = ours[i];
    if (error !== undefined) {
      const helm = helmError(snippet(call, (x) => `{{ ${x} }}`));
      assert.ok(helm, `${source(call)}: we fail with "${error}" but helm renders it`);
      // Argument type errors carry the function name for our executor; Go's text lacks it.
      const text = error.replace(/^\w+: (?=wrong type for value)/, '');
      assert.ok(helm.replace(/\s+/g, ' ').includes(text), `${source(call)}: helm says\n${helm}\nwe say\n${error}`);
      return;
    }
    // text/template prints a nil result as "<no value>".
    assert.equal(value === null ? '<no value>' : sprint(value!), expected[2 * k], `${source(call)} value`);
    // GoMap cannot carry a map's element type: functions listed in untypedMaps return a
    // map[string]string in Go that we model as map[string]interface {}.
    const type = opts.untypedMaps?.includes(call[0]) ? expected[2 * k + 1].replace('map[string]string', 'map[string]interface {}') : expected[2 * k + 1];
    assert.equal(goTypeName(value!), type, `${source(call)} type`);
    k++;
  });
}
