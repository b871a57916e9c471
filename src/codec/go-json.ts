// Go's encoding/json: sorted map keys, structs in field order with `omitempty`, Go's float
// format, HTML-safe escaping unless turned off, []byte as base64 and time.Time as RFC 3339.
import { GoInteger, GoTime, isGoFunc, isGoMap, isGoObject, type GoValue } from '../govalue/types.ts';
import { formatFloat } from '../gofmt/strconv.ts';
import { formatTime } from '../gotime/format.ts';

export interface JsonOptions {
  /** json.Encoder.SetEscapeHTML: < > & become \u003c \u003e \u0026 (on for json.Marshal). */
  escapeHTML: boolean;
  /** json.MarshalIndent's indent; "" means compact. */
  indent: string;
  /**
   * Plain objects are encoded as Go structs (fields in insertion order, undefined ones left
   * out) instead of Go maps (keys sorted): for data shaped like Go structs, such as CLI output.
   */
  objectsAsStructs: boolean;
}

/** One field of a Go struct: its JSON name, value and whether the tag says `omitempty`. */
export type StructField = readonly [name: string, value: unknown, omitEmpty?: 'omitempty'];

/**
 * A Go struct: fields in declaration order. An `omitempty` field is left out when empty as Go
 * defines it (false, 0, "", nil, empty slice or map); an undefined field encodes as null.
 */
export class GoStruct {
  readonly fields: readonly StructField[];

  constructor(fields: readonly StructField[]) {
    this.fields = fields;
  }
}

/**
 * A GoObject that Go's json.Marshal can encode (a struct's exported fields, or a type with
 * MarshalJSON) implements this: the GoValue it encodes as, e.g. {Cert, Key} for a certificate.
 */
export interface JsonMarshaler {
  jsonValue(): GoValue | GoStruct;
}

const MARSHAL: JsonOptions = { escapeHTML: true, indent: '', objectsAsStructs: false };

/** json.Marshal(v); throws Go's "json: unsupported ..." errors. */
export function goJsonMarshal(v: GoValue | GoStruct, options: Partial<JsonOptions> = {}): string {
  return encode(v, { ...MARSHAL, ...options }, '');
}

/** Compact JSON of struct-shaped data (plain objects keep their field order), as Go would write it. */
export function goJson(value: unknown): string {
  return goJsonMarshal(value as GoValue, { objectsAsStructs: true });
}

/** Go's isEmptyValue, which decides `omitempty`. */
export function isEmptyValue(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === 0n || v === '') return true;
  if (v instanceof GoInteger) return v.value === 0n;
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length === 0;
  return isGoMap(v) && Object.keys(v).length === 0;
}

/** Go's float64 encoding: like %f, but %e beyond [1e-6, 1e21) with a trimmed negative exponent. */
export function goJsonFloat(f: number): string {
  if (!Number.isFinite(f)) throw new Error(`json: unsupported value: ${formatFloat(f, 'g', -1)}`);
  const abs = Math.abs(f);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    return formatFloat(f, 'e', -1).replace(/e-0(\d)$/, 'e-$1');
  }
  return formatFloat(f, 'f', -1);
}

const shortEscapes: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' };

/** "\uXXXX" of a code point below U+10000. */
export function unicodeEscape(code: number): string {
  return '\\u' + code.toString(16).padStart(4, '0');
}

/**
 * A double-quoted string: each match of `special` (a global pattern) is escaped, with the escapes
 * JSON and TOML share (quote, backslash, \b \t \n \f \r) or else as `escape` says.
 */
export function quoteWith(s: string, special: RegExp, escape: (ch: string) => string): string {
  return `"${s.replace(special, (ch) => shortEscapes[ch] ?? escape(ch))}"`;
}

// What Go's JSON encoder escapes: controls, quote, backslash, U+2028/9, lone surrogates
// (invalid UTF-8 in Go, written as U+FFFD), and with HTML escaping < > &.
const loneSurrogate = '[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';
const jsonSpecials = new RegExp(`["\\\\\\u0000-\\u001f\\u2028\\u2029]|${loneSurrogate}`, 'g');
const jsonSpecialsHtml = new RegExp(`["\\\\\\u0000-\\u001f<>&\\u2028\\u2029]|${loneSurrogate}`, 'g');

/** Go's JSON string escaping. */
export function goJsonString(s: string, escapeHTML: boolean): string {
  return quoteWith(s, escapeHTML ? jsonSpecialsHtml : jsonSpecials, (ch) => {
    const code = ch.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) return '\ufffd';
    return code === 0x2028 || code === 0x2029 ? '\\u' + code.toString(16) : unicodeEscape(code);
  });
}

/** Go sorts map keys by their UTF-8 bytes. */
export function compareUtf8(a: string, b: string): number {
  // Below the surrogates, UTF-16 code units order as UTF-8 bytes do: no encoding needed.
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x < 0xd800 && y < 0xd800) return x < y ? -1 : 1;
    return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

function encode(v: GoValue | GoStruct, opts: JsonOptions, indent: string): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return goJsonFloat(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'string') return goJsonString(v, opts.escapeHTML);
  if (v instanceof GoInteger) return v.value.toString();
  if (v instanceof Uint8Array) return `"${Buffer.from(v).toString('base64')}"`;
  if (v instanceof GoTime) return `"${formatTime(v, '2006-01-02T15:04:05.999999999Z07:00')}"`;
  if (Array.isArray(v)) {
    return wrap('[', ']', v.map((item) => encode(item, opts, indent + opts.indent)), opts, indent);
  }
  if (v instanceof GoStruct) {
    const present = v.fields.filter(([, value, omit]) => !(omit && isEmptyValue(value)));
    return fields(present.map(([name, value]) => [name, value as GoValue]), opts, indent);
  }
  if (isGoMap(v)) {
    if (opts.objectsAsStructs) return fields(Object.entries(v).filter(([, value]) => value !== undefined && typeof value !== 'function'), opts, indent);
    return fields(Object.keys(v).sort(compareUtf8).map((key) => [key, v[key]]), opts, indent);
  }
  if (isGoFunc(v)) throw new Error(`json: unsupported type: func(...)`);
  if (isGoObject(v)) {
    const marshal = (v as Partial<JsonMarshaler>).jsonValue;
    if (typeof marshal === 'function') return encode(marshal.call(v), opts, indent);
    throw new Error(`json: unsupported type: ${v.goType}`);
  }
  // Struct-shaped data may hold JavaScript values that say how they serialise (Date, URL).
  const toJSON = (v as { toJSON?: () => unknown }).toJSON;
  if (opts.objectsAsStructs && typeof toJSON === 'function') return encode(toJSON.call(v) as GoValue, opts, indent);
  throw new Error('json: unsupported value');
}

function fields(entries: Array<[string, GoValue | GoStruct]>, opts: JsonOptions, indent: string): string {
  const separator = opts.indent === '' ? ':' : ': ';
  return wrap('{', '}', entries.map(([key, value]) =>
    goJsonString(key, opts.escapeHTML) + separator + encode(value, opts, indent + opts.indent)), opts, indent);
}

function wrap(open: string, close: string, items: string[], opts: JsonOptions, indent: string): string {
  if (items.length === 0) return open + close;
  if (opts.indent === '') return open + items.join(',') + close;
  const inner = indent + opts.indent;
  return `${open}\n${inner}${items.join(`,\n${inner}`)}\n${indent}${close}`;
}
