// Helm's --set family parser (pkg/strvals): "a.b=c,list[0]=x,arr={1,2}" into nested
// values, with backslash escapes, typed scalars (int64, bool, null) for --set, strings
// for --set-string, file contents for --set-file and JSON for --set-json. Error texts
// are Helm's, including the Go panic messages Helm turns into errors.
import { goTypeName } from '../gofmt/fmt.ts';
import { goQuote, goQuoteRune } from '../gofmt/strconv.ts';
import { GoInteger, isGoMap, type GoMap, type GoValue } from '../govalue/types.ts';

/** Helm refuses list indexes above this. */
export const MAX_INDEX = 65536;
/** Helm refuses names nested deeper than this. */
export const MAX_NESTED_NAME_LEVEL = 30;

/** Turns the raw runes of a value into the stored value (typed, string or file contents). */
export type RunesValueReader = (runes: string) => GoValue;

class EndOfInput extends Error {
  constructor() {
    super('EOF');
  }
}
class NotAList extends Error {
  constructor() {
    super('not a list');
  }
}
/** A Go runtime panic, recovered by the key parser as Helm does. */
class GoPanic extends Error {}

/** Reads code points with one-step unread, like Go's bytes.Buffer as a RuneReader. */
class RuneScanner {
  readonly runes: string[];
  pos = 0;
  constructor(text: string) {
    this.runes = [...text];
  }
  read(): string | undefined {
    return this.pos < this.runes.length ? this.runes[this.pos++] : undefined;
  }
  unread(): void {
    this.pos--;
  }
  rest(): string {
    return this.runes.slice(this.pos).join('');
  }
}

interface RunesUntil { runes: string; last: string | undefined; eof: boolean }

function runesUntil(sc: RuneScanner, stop: string, escapes: boolean): RunesUntil {
  let v = '';
  for (;;) {
    const r = sc.read();
    if (r === undefined) return { runes: v, last: undefined, eof: true };
    if (stop.includes(r)) return { runes: v, last: r, eof: false };
    if (escapes && r === '\\') {
      const next = sc.read();
      if (next === undefined) return { runes: v, last: undefined, eof: true };
      v += next;
      continue;
    }
    v += r;
  }
}

/** strconv.ParseInt(s, 10, 64) / strconv.Atoi, with Go's error text. */
function parseGoInt(s: string, fn: string): bigint {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new Error(`${fn}: parsing ${goQuote(s)}: invalid syntax`);
  const n = BigInt(s);
  if (n > 9223372036854775807n || n < -9223372036854775808n) throw new Error(`${fn}: parsing ${goQuote(s)}: value out of range`);
  return n;
}

/** Go's %q of a []rune: each rune quoted, e.g. ['x' 'y']. */
function goQuoteRunes(s: string): string {
  return `[${[...s].map((c) => goQuoteRune(c.codePointAt(0)!)).join(' ')}]`;
}

/** --set's typedVal: true/false/null (any case), int64 unless it starts with 0, else string. */
export function typedValue(val: string, forceString: boolean): GoValue {
  if (forceString) return val;
  const lower = val.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (val === '0') return new GoInteger('int64', 0n);
  if (val.length > 0 && val[0] !== '0') {
    try {
      return new GoInteger('int64', parseGoInt(val, 'strconv.ParseInt'));
    } catch {
      return val;
    }
  }
  return val;
}

/** The Go dynamic type of a parsed value, as a failed interface conversion names it. */
function goDynamicType(v: GoValue | undefined): string {
  return v === null || v === undefined ? 'nil' : goTypeName(v);
}

function assertMap(v: GoValue | undefined): GoMap {
  if (isGoMap(v)) return v;
  throw new GoPanic(`interface conversion: interface {} is ${goDynamicType(v)}, not map[string]interface {}`);
}

function assertList(v: GoValue | undefined): GoValue[] {
  if (Array.isArray(v)) return v;
  throw new GoPanic(`interface conversion: interface {} is ${goDynamicType(v)}, not []interface {}`);
}

function set(data: GoMap, key: string, val: GoValue): void {
  if (key.length === 0) return;
  data[key] = val;
}

function setIndex(list: GoValue[], index: number, val: GoValue): GoValue[] {
  if (index < 0) throw new Error(`negative ${index} index not allowed`);
  if (index > MAX_INDEX) throw new Error(`index of ${index} is greater than maximum supported index of ${MAX_INDEX}`);
  while (list.length <= index) list.push(null);
  list[index] = val;
  return list;
}

type Mode = { kind: 'value'; reader: RunesValueReader } | { kind: 'json' } | { kind: 'literal' };

/** One parse of a --set style line into `data` (which it mutates, as Helm's ParseInto). */
class StrvalsParser {
  readonly sc: RuneScanner;
  readonly data: GoMap;
  readonly mode: Mode;
  constructor(text: string, data: GoMap, mode: Mode) {
    this.sc = new RuneScanner(text);
    this.data = data;
    this.mode = mode;
  }

  get escapes(): boolean {
    return this.mode.kind !== 'literal';
  }

  parse(): void {
    for (;;) {
      try {
        this.key(this.data, 0);
      } catch (err) {
        if (err instanceof EndOfInput) return;
        throw err;
      }
    }
  }

  key(data: GoMap, nestedNameLevel: number): void {
    try {
      this.keyUnguarded(data, nestedNameLevel);
    } catch (err) {
      if (err instanceof GoPanic) throw new Error(`unable to parse key: ${err.message}`);
      throw err;
    }
  }

  private keyUnguarded(data: GoMap, nestedNameLevel: number): void {
    const stop = this.mode.kind === 'literal' ? '=[.' : '=[,.';
    const { runes: k, last, eof } = runesUntil(this.sc, stop, this.escapes);
    if (eof) {
      if (k.length === 0) throw new EndOfInput();
      throw new Error(`key ${goQuote(k)} has no value`);
    }
    switch (last) {
      case '[': {
        const i = this.keyIndex();
        const list = k in data ? assertList(data[k]) : [];
        let result: GoValue[] = list;
        try {
          result = this.listItem(list, i, nestedNameLevel);
        } finally {
          set(data, k, result);
        }
        return;
      }
      case '=':
        return this.assignValue(data, k);
      case ',':
        set(data, k, '');
        throw new Error(`key ${goQuote(k)} has no value (cannot end with ,)`);
      case '.': {
        nestedNameLevel++;
        if (nestedNameLevel > MAX_NESTED_NAME_LEVEL) {
          throw new Error(`value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`);
        }
        const inner = k in data ? assertMap(data[k]) : {};
        let failure: unknown;
        try {
          this.key(inner, nestedNameLevel);
        } catch (err) {
          failure = err;
        }
        if (failure === undefined && Object.keys(inner).length === 0) throw new Error(`key map ${goQuote(k)} has no value`);
        if (Object.keys(inner).length !== 0) set(data, k, inner);
        if (failure !== undefined) throw failure;
        return;
      }
    }
  }

  private assignValue(data: GoMap, k: string): void {
    if (this.mode.kind === 'literal') {
      set(data, k, runesUntil(this.sc, '', false).runes);
      return;
    }
    if (this.mode.kind === 'json') {
      if (this.emptyValue()) {
        set(data, k, null);
        return;
      }
      set(data, k, this.jsonValue());
      this.emptyValue();
      return;
    }
    const reader = this.mode.reader;
    let list: GoValue[];
    try {
      list = this.valList();
    } catch (err) {
      if (err instanceof EndOfInput) {
        set(data, k, '');
        throw err;
      }
      if (err instanceof NotAList) {
        const rs = runesUntil(this.sc, ',', true).runes;
        set(data, k, reader(rs));
        return;
      }
      throw err;
    }
    set(data, k, list);
  }

  keyIndex(): number {
    const { runes, eof } = runesUntil(this.sc, ']', this.escapes);
    if (eof) throw new EndOfInput();
    try {
      const n = parseGoInt(runes, 'strconv.Atoi');
      return Number(n);
    } catch (err) {
      throw new Error(`error parsing index: ${(err as Error).message}`);
    }
  }

  listItem(list: GoValue[], i: number, nestedNameLevel: number): GoValue[] {
    if (i < 0) throw new Error(`negative ${i} index not allowed`);
    const { runes: k, last, eof } = runesUntil(this.sc, '[.=', this.escapes);
    if (k.length > 0) throw new Error(`unexpected data at end of array index: ${goQuoteRunes(k)}`);
    if (eof) throw new EndOfInput();
    switch (last) {
      case '=':
        return this.listItemValue(list, i);
      case '[': {
        const nextI = this.keyIndex();
        let current: GoValue[] = [];
        if (list.length > i && list[i] !== null) current = assertList(list[i]);
        const inner = this.listItem(current, nextI, nestedNameLevel);
        return setIndex(list, i, inner);
      }
      case '.': {
        let inner: GoMap = {};
        if (list.length > i) {
          if (isGoMap(list[i])) inner = list[i] as GoMap;
          else list[i] = inner; // indices given out of order
        }
        this.key(inner, nestedNameLevel);
        return setIndex(list, i, inner);
      }
    }
    throw new Error(`parse error: unexpected token ${last}`);
  }

  private listItemValue(list: GoValue[], i: number): GoValue[] {
    if (this.mode.kind === 'literal') return setIndex(list, i, runesUntil(this.sc, '', false).runes);
    if (this.mode.kind === 'json') {
      if (this.emptyValue()) return setIndex(list, i, null);
      const result = setIndex(list, i, this.jsonValue());
      this.emptyValue();
      return result;
    }
    const reader = this.mode.reader;
    let vl: GoValue[];
    try {
      vl = this.valList();
    } catch (err) {
      if (err instanceof EndOfInput) return setIndex(list, i, '');
      if (err instanceof NotAList) return setIndex(list, i, reader(runesUntil(this.sc, ',', true).runes));
      throw err;
    }
    return setIndex(list, i, vl);
  }

  /** Consumes blanks up to a comma or the end (an empty value) or stops before anything else. */
  private emptyValue(): boolean {
    for (;;) {
      const r = this.sc.read();
      if (r === undefined || r === ',') return true;
      if (!/\s/u.test(r)) {
        this.sc.unread();
        return false;
      }
    }
  }

  private jsonValue(): GoValue {
    const rest = this.sc.rest();
    const end = jsonValueEnd(rest);
    const value = JSON.parse(rest.slice(0, end)) as unknown;
    this.sc.pos += [...rest.slice(0, end)].length;
    return fromJson(value);
  }

  private valList(): GoValue[] {
    const r = this.sc.read();
    if (r === undefined) throw new EndOfInput();
    if (r !== '{') {
      this.sc.unread();
      throw new NotAList();
    }
    const reader = (this.mode as { reader: RunesValueReader }).reader;
    const list: GoValue[] = [];
    for (;;) {
      const { runes, last, eof } = runesUntil(this.sc, ',}', true);
      if (eof) throw new Error("list must terminate with '}'");
      if (last === '}') {
        const next = this.sc.read();
        if (next !== undefined && next !== ',') this.sc.unread();
        list.push(reader(runes));
        return list;
      }
      list.push(reader(runes));
    }
  }
}

/** Where the JSON value at the start of `text` ends (after leading blanks), like json.Decoder. */
function jsonValueEnd(text: string): number {
  let i = 0;
  while (i < text.length && /\s/.test(text[i])) i++;
  const start = text[i];
  if (start === '{' || start === '[') {
    let depth = 0;
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '"') i = stringEnd(text, i);
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    throw new Error('unexpected EOF');
  }
  if (start === '"') return stringEnd(text, i) + 1;
  const m = /^(-?[0-9.eE+-]+|true|false|null)/.exec(text.slice(i));
  if (!m) throw new Error(`invalid character ${goQuote(start ?? '')} looking for beginning of value`);
  return i + m[0].length;
}

function stringEnd(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  throw new Error('unexpected EOF');
}

/** encoding/json into interface{}: numbers are float64, objects map[string]interface{}. */
export function fromJson(v: unknown): GoValue {
  if (v === null) return null;
  if (Array.isArray(v)) return v.map(fromJson);
  if (typeof v === 'object') {
    const out: GoMap = {};
    for (const [k, val] of Object.entries(v as Record<string, unknown>)) out[k] = fromJson(val);
    return out;
  }
  return v as GoValue;
}

/** strvals.ParseInto: --set, typed scalars. */
export function parseSetInto(line: string, dest: GoMap): void {
  new StrvalsParser(line, dest, { kind: 'value', reader: (rs) => typedValue(rs, false) }).parse();
}

/** strvals.ParseIntoString: --set-string, every value a string. */
export function parseSetStringInto(line: string, dest: GoMap): void {
  new StrvalsParser(line, dest, { kind: 'value', reader: (rs) => typedValue(rs, true) }).parse();
}

/** strvals.ParseIntoFile: --set-file, each value is a path whose contents `readFile` returns. */
export function parseSetFileInto(line: string, dest: GoMap, readFile: RunesValueReader): void {
  new StrvalsParser(line, dest, { kind: 'value', reader: readFile }).parse();
}

/** strvals.ParseJSON: --set-json key=<json>, an empty value is null. */
export function parseSetJsonInto(line: string, dest: GoMap): void {
  new StrvalsParser(line, dest, { kind: 'json' }).parse();
}

/** strvals.ParseLiteralInto: --set-literal, the whole rest of the line is one string. */
export function parseSetLiteralInto(line: string, dest: GoMap): void {
  new StrvalsParser(line, dest, { kind: 'literal' }).parse();
}
