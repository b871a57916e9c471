// Helm's toToml: BurntSushi/toml's Encoder on a map: plain keys first, then tables and arrays
// of tables, each group sorted, nested keys indented two spaces per level.
import { GoInteger, GoTime, isGoMap, type GoMap, type GoValue } from '../govalue/types.ts';
import { formatFloat } from '../gofmt/strconv.ts';
import { formatTime } from '../gotime/format.ts';
import { compareUtf8, quoteWith, unicodeEscape } from './go-json.ts';

const INDENT = '  ';

/**
 * The TOML text, or BurntSushi's error message (Helm's toToml returns it in place of the
 * text). Throws only for nil, which fails the template call itself.
 */
export function toToml(v: GoValue): string {
  // text/template hands a nil argument over as an invalid reflect.Value, which panics in the encoder.
  if (v === null) throw new Error('reflect: call of reflect.Value.Type on zero Value');
  try {
    const encoder = new TomlEncoder();
    if (isGoMap(v)) encoder.mapBody([], v);
    else if (isArrayOfTables(v)) throw new Error('toml: top-level values must be Go maps or structs');
    else encoder.element(v);
    return encoder.out;
  } catch (err) {
    return (err as Error).message;
  }
}

const isTable = (v: GoValue) => isGoMap(v);

/** An array of tables needs every element to be a map; a nil element fails any array. */
function isArrayOfTables(v: GoValue): boolean {
  if (!Array.isArray(v) || v.length === 0) return false;
  if (v.some((item) => item === null)) throw new Error('toml: cannot encode array with nil element');
  return v.every(isTable);
}

/** What BurntSushi/toml escapes in a basic string: controls, DEL, quote and backslash. */
const tomlSpecials = /["\\\u0000-\u001f\u007f]/g;

function quoteString(s: string): string {
  return quoteWith(s, tomlSpecials, (ch) => unicodeEscape(ch.codePointAt(0)!));
}

function quoteKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : quoteString(key);
}

function floatText(f: number): string {
  if (Number.isNaN(f)) return 'nan';
  if (!Number.isFinite(f)) return f > 0 ? 'inf' : '-inf';
  const text = formatFloat(f, 'g', -1);
  return /[.e]/.test(text) ? text : text + '.0';
}

class TomlEncoder {
  out = '';

  private write(text: string): void {
    this.out += text;
  }

  /** A blank line between blocks, but never at the very start. */
  private newline(): void {
    if (this.out !== '') this.write('\n');
  }

  mapBody(path: string[], map: GoMap): void {
    const keys = Object.keys(map).sort(compareUtf8);
    const direct = keys.filter((k) => !isTable(map[k]) && !isArrayOfTables(map[k]));
    const nested = keys.filter((k) => isTable(map[k]) || isArrayOfTables(map[k]));
    for (const key of [...direct, ...nested]) {
      const value = map[key];
      if (value === null) continue;
      this.entry([...path, key], value);
    }
  }

  private entry(path: string[], value: GoValue): void {
    if (isGoMap(value)) return this.table(path, value);
    if (isArrayOfTables(value)) return this.arrayOfTables(path, value as GoMap[]);
    this.write(`${INDENT.repeat(path.length - 1)}${quoteKey(path[path.length - 1])} = `);
    this.element(value);
    this.newline();
  }

  private table(path: string[], map: GoMap): void {
    if (path.length === 1) this.newline();
    this.write(`${INDENT.repeat(path.length - 1)}[${path.map(quoteKey).join('.')}]`);
    this.newline();
    this.mapBody(path, map);
  }

  private arrayOfTables(path: string[], tables: GoMap[]): void {
    for (const table of tables) {
      this.newline();
      this.write(`${INDENT.repeat(path.length - 1)}[[${path.map(quoteKey).join('.')}]]`);
      this.newline();
      this.mapBody(path, table);
    }
  }

  element(value: GoValue): void {
    if (typeof value === 'string') return this.write(quoteString(value));
    if (typeof value === 'boolean' || typeof value === 'bigint') return this.write(String(value));
    if (typeof value === 'number') return this.write(floatText(value));
    if (value instanceof GoInteger) return this.write(value.value.toString());
    if (value instanceof GoTime) return this.write(formatTime(value, '2006-01-02T15:04:05.999999999Z07:00'));
    if (value instanceof Uint8Array) return this.element(Array.from(value, (b) => BigInt(b)));
    if (Array.isArray(value)) {
      isArrayOfTables(value); // rejects nil elements
      this.write('[');
      value.forEach((item, i) => {
        this.element(item);
        if (i !== value.length - 1) this.write(', ');
      });
      return this.write(']');
    }
    if (isGoMap(value)) return this.inlineTable(value);
    throw new Error(`toml: unsupported type: ${value === null ? 'nil' : typeof value}`);
  }

  private inlineTable(map: GoMap): void {
    const keys = Object.keys(map).sort(compareUtf8).filter((k) => map[k] !== null);
    this.write('{');
    keys.forEach((key, i) => {
      this.write(`${quoteKey(key)} = `);
      this.element(map[key]);
      if (i !== keys.length - 1) this.write(', ');
    });
    this.write('}');
  }
}
