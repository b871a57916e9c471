// Go's predefined template functions (and/or are evaluated lazily by the executor itself):
// not, len, index, slice, print, printf, println, eq, ne, lt, le, gt, ge, html, js,
// urlquery, call. Function maps given to a template set take precedence over these.
import { goTypeName, sprint, sprintf, sprintln } from '../gofmt/fmt.ts';
import { isPrint } from '../gofmt/strconv.ts';
import { GoInteger, goFunc, isGoFunc, isGoMap, subslice, type GoFunc, type GoValue } from '../govalue/types.ts';
import { basicKind, integer, truth } from './values.ts';

function lengthOf(v: GoValue): bigint {
  if (v === null) throw new Error('len of nil pointer');
  if (typeof v === 'string') return BigInt(Buffer.byteLength(v));
  if (Array.isArray(v) || v instanceof Uint8Array) return BigInt(v.length);
  if (isGoMap(v)) return BigInt(Object.keys(v).length);
  throw new Error(`len of type ${goTypeName(v)}`);
}

function indexArg(v: GoValue, len: number, what: string, reflectKind: 'slice' | 'string'): number {
  if (basicKind(v) !== 'int' && basicKind(v) !== 'uint') {
    throw new Error(v === null ? `cannot index ${what} with nil` : `cannot index ${what} with type ${goTypeName(v)}`);
  }
  const i = integer(v);
  if (i < 0n || i > BigInt(len)) throw new Error(`index out of range: ${i}`);
  // Go checks against the capacity first; reflect then panics at exactly the length.
  if (i === BigInt(len)) throw new Error(`reflect: ${reflectKind} index out of range`);
  return Number(i);
}

function index(item: GoValue, ...indices: GoValue[]): GoValue {
  let v = item;
  if (v === null) throw new Error('index of untyped nil');
  for (const ix of indices) {
    if (typeof v === 'string') {
      v = new GoInteger('uint8', BigInt(Buffer.from(v)[indexArg(ix, Buffer.byteLength(v), 'slice/array', 'string')]));
    } else if (Array.isArray(v)) {
      v = v[indexArg(ix, v.length, 'slice/array', 'slice')];
    } else if (v instanceof Uint8Array) {
      v = new GoInteger('uint8', BigInt(v[indexArg(ix, v.length, 'slice/array', 'slice')]));
    } else if (isGoMap(v)) {
      if (typeof ix !== 'string') throw new Error(ix === null ? 'value is nil; should be of type string' : `value has type ${goTypeName(ix)}; should be string`);
      v = Object.prototype.hasOwnProperty.call(v, ix) ? v[ix] : null;
    } else if (v === null) {
      throw new Error('index of nil pointer');
    } else {
      throw new Error(`can't index item of type ${goTypeName(v)}`);
    }
  }
  return v;
}

function slice(item: GoValue, ...bounds: GoValue[]): GoValue {
  if (item === null) throw new Error('slice of untyped nil');
  if (bounds.length > 3) throw new Error(`too many slice indexes: ${bounds.length}`);
  const len = typeof item === 'string' ? Buffer.byteLength(item) : Array.isArray(item) || item instanceof Uint8Array ? item.length : -1;
  if (len < 0) throw new Error(`can't slice item of type ${goTypeName(item)}`);
  if (typeof item === 'string' && bounds.length === 3) throw new Error('cannot 3-index slice a string');
  const idx = bounds.map((b) => {
    if (basicKind(b) !== 'int' && basicKind(b) !== 'uint') throw new Error(`cannot index slice/array with type ${goTypeName(b)}`);
    return Number(integer(b));
  });
  const [i = 0, j = len] = idx;
  if (i < 0 || j < i || j > len) throw new Error(`index out of range: ${j > len ? j : i}`);
  if (typeof item === 'string') return Buffer.from(item).subarray(i, j).toString('utf8');
  return item instanceof Uint8Array ? item.slice(i, j) : subslice(item as GoValue[], i, j);
}

// Go 1.25 names both types in this error.
function compareError(a: GoValue, b: GoValue): Error {
  return new Error(`incompatible types for comparison: ${goTypeName(a)} and ${goTypeName(b)}`);
}

export function eq(a: GoValue, ...others: GoValue[]): boolean {
  if (others.length === 0) throw new Error('missing argument for comparison');
  const k1 = basicKind(a);
  for (const b of others) {
    const k2 = basicKind(b);
    let result = false;
    if (k1 !== k2) {
      if (k1 === 'int' && k2 === 'uint') result = integer(a) >= 0n && integer(a) === integer(b);
      else if (k1 === 'uint' && k2 === 'int') result = integer(b) >= 0n && integer(a) === integer(b);
      else if (a !== null && b !== null) throw compareError(a, b);
    } else if (k1 === 'int' || k1 === 'uint') {
      result = integer(a) === integer(b);
    } else if (k1 === 'other') {
      if (Array.isArray(a) || isGoMap(a) || isGoFunc(a) || a instanceof Uint8Array) throw new Error(`non-comparable type ${sprintf('%s', a)}: ${goTypeName(a)}`);
      result = a === b;
    } else {
      result = a === b;
    }
    if (result) return true;
  }
  return false;
}

export function lt(a: GoValue, b: GoValue): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'invalid' || k1 === 'other' || k2 === 'invalid' || k2 === 'other') throw new Error('invalid type for comparison');
  if (k1 !== k2) {
    if (k1 === 'int' && k2 === 'uint') return integer(a) < 0n || integer(a) < integer(b);
    if (k1 === 'uint' && k2 === 'int') return integer(b) >= 0n && integer(a) < integer(b);
    throw compareError(a, b);
  }
  if (k1 === 'bool') throw new Error('invalid type for comparison');
  if (k1 === 'int' || k1 === 'uint') return integer(a) < integer(b);
  if (k1 === 'string') return Buffer.compare(Buffer.from(a as string), Buffer.from(b as string)) < 0;
  return (a as number) < (b as number);
}

function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) => ({ '\0': '\uFFFD', '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}

const jsEscapes: Record<string, string> = { '\\': '\\\\', "'": "\\'", '"': '\\"', '<': '\\u003C', '>': '\\u003E', '&': '\\u0026', '=': '\\u003D' };

/** Go's template.JSEscapeString: quotes and HTML-special ASCII escaped, controls and non-printable runes as \uXXXX. */
function jsEscape(s: string): string {
  let out = '';
  for (const c of s) {
    const code = c.codePointAt(0)!;
    if (c in jsEscapes) out += jsEscapes[c];
    else if (code < 0x20 || (code >= 0x80 && !isPrint(code))) out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += c;
  }
  return out;
}

/** Go's evalArgs for html/js/urlquery: a single string as is, otherwise fmt.Sprint of all, nil as "<no value>". */
function joined(args: GoValue[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(...args.map((a) => (a === null ? '<no value>' : a)));
}

function queryEscape(s: string): string {
  return encodeURIComponent(s).replace(/%20/g, '+').replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export const builtinFunctions: Record<string, GoFunc> = {
  not: goFunc('not', (a) => !truth(a)),
  len: goFunc('len', (a) => lengthOf(a)),
  index: goFunc('index', index, { arity: 1, variadic: true }),
  slice: goFunc('slice', slice, { arity: 1, variadic: true }),
  print: goFunc('print', (...a) => sprint(...a), { arity: 0, variadic: true }),
  printf: goFunc('printf', (f, ...a) => {
    if (typeof f !== 'string') throw new Error(`printf: wrong type for value; expected string; got ${goTypeName(f)}`);
    return sprintf(f, ...a);
  }, { arity: 1, variadic: true }),
  println: goFunc('println', (...a) => sprintln(...a), { arity: 0, variadic: true }),
  eq: goFunc('eq', eq, { arity: 1, variadic: true }),
  ne: goFunc('ne', (a, b) => !eq(a, b)),
  lt: goFunc('lt', lt),
  le: goFunc('le', (a, b) => lt(a, b) || eq(a, b)),
  gt: goFunc('gt', (a, b) => !lt(a, b) && !eq(a, b)),
  ge: goFunc('ge', (a, b) => !lt(a, b)),
  html: goFunc('html', (...a) => htmlEscape(joined(a)), { arity: 0, variadic: true }),
  js: goFunc('js', (...a) => jsEscape(joined(a)), { arity: 0, variadic: true }),
  urlquery: goFunc('urlquery', (...a) => queryEscape(joined(a)), { arity: 0, variadic: true }),
  call: goFunc('call', (fn, ...a) => {
    if (!isGoFunc(fn)) throw new Error(`non-function ${sprint(fn)} of type ${goTypeName(fn)}`);
    return fn.call(a);
  }, { arity: 1, variadic: true }),
};

/** and/or exist for the parser's "is it defined" check; the executor evaluates them itself. */
export const lazyBuiltins = new Set(['and', 'or']);
