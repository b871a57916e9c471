// Go's json.Unmarshal into interface{} values: numbers become float64, and malformed input
// is reported with encoding/json's own messages ("invalid character 'x' after array element").
import type { GoValue } from '../govalue/types.ts';
import { goQuote } from '../gofmt/strconv.ts';

const WHITESPACE = ' \t\n\r';

/** encoding/json's quoteChar: the offending byte as a Go character literal. */
function quoteChar(text: string, pos: number): string {
  const ch = text[pos];
  if (ch === "'") return `'\\''`;
  if (ch === '"') return `'"'`;
  // Go's scanner sees bytes, so a multi-byte character shows as its first byte's code point.
  const firstByte = Buffer.from(String.fromCodePoint(text.codePointAt(pos)!), 'utf8')[0];
  const quoted = goQuote(String.fromCodePoint(firstByte));
  return `'${quoted.slice(1, -1)}'`;
}

class JsonSyntaxError extends Error {}

/** Walks the text as Go's scanner does and throws its message for the first problem. */
class SyntaxChecker {
  private pos = 0;
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  check(): void {
    this.value();
    this.skipWhitespace();
    if (this.pos < this.text.length) this.fail('after top-level value');
  }

  private fail(context: string): never {
    if (this.pos >= this.text.length) throw new JsonSyntaxError('unexpected end of JSON input');
    throw new JsonSyntaxError(`invalid character ${quoteChar(this.text, this.pos)} ${context}`);
  }

  private skipWhitespace(): void {
    while (this.pos < this.text.length && WHITESPACE.includes(this.text[this.pos])) this.pos++;
  }

  private value(): void {
    this.skipWhitespace();
    const ch = this.text[this.pos];
    if (ch === '{') return this.object();
    if (ch === '[') return this.array();
    if (ch === '"') return this.string();
    if (ch === '-' || (ch >= '0' && ch <= '9')) return this.number();
    if (ch === 't') return this.literal('true');
    if (ch === 'f') return this.literal('false');
    if (ch === 'n') return this.literal('null');
    this.fail('looking for beginning of value');
  }

  private object(): void {
    this.sequence('}', 'after object key:value pair', () => {
      this.skipWhitespace();
      if (this.text[this.pos] !== '"') this.fail('looking for beginning of object key string');
      this.string();
      this.skipWhitespace();
      if (this.text[this.pos] !== ':') this.fail('after object key');
      this.pos++;
      this.value();
    });
  }

  private array(): void {
    this.sequence(']', 'after array element', () => this.value());
  }

  /** The elements of an object or array after its opening bracket: comma-separated, then `close`. */
  private sequence(close: string, afterElement: string, element: () => void): void {
    this.pos++;
    this.skipWhitespace();
    if (this.text[this.pos] === close) {
      this.pos++;
      return;
    }
    for (;;) {
      element();
      this.skipWhitespace();
      if (this.text[this.pos] === close) {
        this.pos++;
        return;
      }
      if (this.text[this.pos] !== ',') this.fail(afterElement);
      this.pos++;
    }
  }

  private string(): void {
    this.pos++;
    for (;;) {
      if (this.pos >= this.text.length) this.fail('');
      const ch = this.text[this.pos];
      if (ch === '"') {
        this.pos++;
        return;
      }
      if (ch < ' ') this.fail('in string literal');
      if (ch === '\\') {
        this.pos++;
        const escape = this.text[this.pos];
        if (escape === 'u') {
          for (let i = 0; i < 4; i++) {
            this.pos++;
            if (!/^[0-9a-fA-F]$/.test(this.text[this.pos] ?? '')) this.fail('in \\u hexadecimal character escape');
          }
        } else if (escape === undefined || !'"\\/bfnrt'.includes(escape)) this.fail('in string escape code');
      }
      this.pos++;
    }
  }

  private digits(): number {
    const start = this.pos;
    while (this.pos < this.text.length && this.text[this.pos] >= '0' && this.text[this.pos] <= '9') this.pos++;
    return this.pos - start;
  }

  private number(): void {
    if (this.text[this.pos] === '-') {
      this.pos++;
      if (!(this.text[this.pos] >= '0' && this.text[this.pos] <= '9')) this.fail('in numeric literal');
    }
    if (this.text[this.pos] === '0') this.pos++;
    else this.digits();
    if (this.text[this.pos] === '.') {
      this.pos++;
      if (this.digits() === 0) this.fail('after decimal point in numeric literal');
    }
    if (this.text[this.pos] === 'e' || this.text[this.pos] === 'E') {
      this.pos++;
      if (this.text[this.pos] === '+' || this.text[this.pos] === '-') this.pos++;
      if (this.digits() === 0) this.fail('in exponent of numeric literal');
    }
  }

  private literal(word: string): void {
    for (let i = 1; i < word.length; i++) {
      this.pos++;
      if (this.text[this.pos] !== word[i]) this.fail(`in literal ${word} (expecting ${quoteChar(word, i)})`);
    }
    this.pos++;
  }
}

/** json.Unmarshal into interface{}; throws Go's error text. */
export function goJsonUnmarshal(text: string): GoValue {
  new SyntaxChecker(text).check();
  return JSON.parse(text, (_key, value, context?: { source?: string }) => {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new Error(`json: cannot unmarshal number ${context?.source ?? value} into Go value of type float64`);
    }
    return value;
  }) as GoValue;
}

/** Go's name for the JSON value kind in "cannot unmarshal X into Go value of type T". */
export function jsonKind(v: GoValue): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return 'object';
}
