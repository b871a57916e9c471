// Go's fmt package (Sprint, Sprintln, Sprintf) over the GoValue model, printing
// values byte-for-byte as Go does, including its %!verb(type=value) error forms.
import {
  GoInteger, GoTime, isGoFunc, isGoMap, isGoObject, sliceTypeName, type GoValue,
} from '../govalue/types.ts';
import {
  canBackquote, formatFloat, formatFloatBinary, formatFloatHex, goQuote, goQuoteRune, isPrint,
} from './strconv.ts';
import { timeString } from '../gotime/format.ts';

export { formatFloat };

/** The type name %T prints. */
export function goTypeName(v: GoValue): string {
  if (v === null) return '<nil>';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof GoInteger) return v.kind;
  if (v instanceof GoTime) return 'time.Time';
  if (v instanceof Uint8Array) return '[]uint8';
  if (Array.isArray(v)) return sliceTypeName(v);
  if (isGoFunc(v)) return 'func';
  if (isGoObject(v)) return v.goType;
  return 'map[string]interface {}';
}

/** reflect.Kind().String() of the value; "invalid" for nil. */
export function goKind(v: GoValue): string {
  if (v === null) return 'invalid';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof GoInteger) return v.kind;
  if (v instanceof GoTime) return 'struct';
  if (v instanceof Uint8Array || Array.isArray(v)) return 'slice';
  if (isGoFunc(v)) return 'func';
  if (isGoObject(v)) return v.goType.startsWith('*') ? 'ptr' : v.goType.startsWith('map[') ? 'map' : 'struct';
  return 'map';
}

const UNSIGNED = new Set(['uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr']);
const LOWER_DIGITS = '0123456789abcdefx';
const UPPER_DIGITS = '0123456789ABCDEFX';
/** fmt refuses widths and precisions beyond a million. */
const TOO_LARGE = 1e6;

const runeCount = (s: string) => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/** Byte-wise comparison, the order Go sorts string map keys in. */
function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Strings the way fmt's Stringer handling sees them (time.Time, objects with String()). */
function stringerText(v: GoValue): string | undefined {
  if (v instanceof GoTime) return timeString(v);
  if (isGoObject(v)) return v.format();
  return undefined;
}

class Printer {
  out = '';
  // Flags of the verb being printed (fmt.fmtFlags).
  plus = false; minus = false; sharp = false; space = false; zero = false;
  sharpV = false; // %#v; Go's %+v only changes structs, which GoObject.format() prints itself
  wid = 0; widPresent = false; prec = 0; precPresent = false;
  /** The operand being printed, for %!verb(type=value) reports. */
  arg: GoValue | undefined = undefined;

  clearFlags(): void {
    this.plus = this.minus = this.sharp = this.space = this.zero = false;
    this.sharpV = false;
    this.wid = this.prec = 0;
    this.widPresent = this.precPresent = false;
  }

  writePadding(n: number): void {
    if (n > 0) this.out += (this.zero ? '0' : ' ').repeat(n);
  }

  /** Pads s to the width (counted in runes) on the side the minus flag asks for. */
  pad(s: string): void {
    if (!this.widPresent || this.wid === 0) { this.out += s; return; }
    const fill = this.wid - runeCount(s);
    if (this.minus) { this.out += s; this.writePadding(fill); } else { this.writePadding(fill); this.out += s; }
  }

  truncate(s: string): string {
    if (!this.precPresent) return s;
    let n = 0;
    let end = 0;
    for (const ch of s) {
      if (n === this.prec) return s.slice(0, end);
      n++;
      end += ch.length;
    }
    return s;
  }

  fmtS(s: string): void { this.pad(this.truncate(s)); }

  fmtQ(s: string): void {
    s = this.truncate(s);
    if (this.sharp && canBackquote(s)) { this.pad('`' + s + '`'); return; }
    this.pad(goQuote(s, this.plus));
  }

  /** Hex encoding of a string or byte slice (%x, % x, %#x). */
  fmtSbx(bytes: Uint8Array, digits: string): void {
    let length = bytes.length;
    if (this.precPresent && this.prec < length) length = this.prec;
    let width = 2 * length;
    if (width > 0) {
      if (this.space) {
        if (this.sharp) width *= 2;
        width += length - 1;
      } else if (this.sharp) width += 2;
    } else {
      if (this.widPresent) this.writePadding(this.wid);
      return;
    }
    if (this.widPresent && this.wid > width && !this.minus) this.writePadding(this.wid - width);
    let s = this.sharp ? '0' + digits[16] : '';
    for (let i = 0; i < length; i++) {
      if (this.space && i > 0) s += this.sharp ? ' 0' + digits[16] : ' ';
      s += digits[bytes[i] >> 4] + digits[bytes[i] & 0xf];
    }
    this.out += s;
    if (this.widPresent && this.wid > width && this.minus) this.writePadding(this.wid - width);
  }

  fmtInteger(value: bigint, base: number, verb: string, digits: string): void {
    const negative = value < 0n;
    const magnitude = negative ? -value : value;
    let prec = 0;
    if (this.precPresent) {
      prec = this.prec;
      // Precision 0 and value 0 print nothing but padding.
      if (prec === 0 && value === 0n) {
        const oldZero = this.zero;
        this.zero = false;
        this.writePadding(this.wid);
        this.zero = oldZero;
        return;
      }
    } else if (this.zero && !this.minus && this.widPresent) {
      prec = this.wid;
      if (negative || this.plus || this.space) prec--; // room for the sign
    }
    let s = magnitude.toString(base);
    if (digits === UPPER_DIGITS) s = s.toUpperCase();
    if (s.length < prec) s = '0'.repeat(prec - s.length) + s;
    if (this.sharp) {
      if (base === 2) s = '0b' + s;
      else if (base === 8 && s[0] !== '0') s = '0' + s;
      else if (base === 16) s = '0' + digits[16] + s;
    }
    if (verb === 'O') s = '0o' + s;
    if (negative) s = '-' + s;
    else if (this.plus) s = '+' + s;
    else if (this.space) s = ' ' + s;
    const oldZero = this.zero;
    this.zero = false; // zero padding was done as precision above
    this.pad(s);
    this.zero = oldZero;
  }

  fmtUnicode(value: bigint): void {
    let prec = 4;
    if (this.precPresent && this.prec > 4) prec = this.prec;
    let s = 'U+' + (value < 0n ? BigInt.asUintN(64, value) : value).toString(16).toUpperCase().padStart(prec, '0');
    if (this.sharp && value >= 0n && value <= 0x10ffffn && isPrint(Number(value))) {
      s += ` '${String.fromCodePoint(Number(value))}'`;
    }
    const oldZero = this.zero;
    this.zero = false;
    this.pad(s);
    this.zero = oldZero;
  }

  /** The rune for %c and %q: out-of-range values become U+FFFD. */
  static rune(value: bigint): number {
    return value < 0n || value > 0x10ffffn || (value >= 0xd800n && value <= 0xdfffn) ? 0xfffd : Number(value);
  }

  printInteger(value: bigint, unsigned: boolean, verb: string): void {
    if (unsigned && value < 0n) value = BigInt.asUintN(64, value);
    switch (verb) {
      case 'v':
        if (this.sharpV && unsigned) {
          const oldSharp = this.sharp;
          this.sharp = true;
          this.fmtInteger(value, 16, 'v', LOWER_DIGITS);
          this.sharp = oldSharp;
        } else this.fmtInteger(value, 10, verb, LOWER_DIGITS);
        return;
      case 'd': this.fmtInteger(value, 10, verb, LOWER_DIGITS); return;
      case 'b': this.fmtInteger(value, 2, verb, LOWER_DIGITS); return;
      case 'o': case 'O': this.fmtInteger(value, 8, verb, LOWER_DIGITS); return;
      case 'x': this.fmtInteger(value, 16, verb, LOWER_DIGITS); return;
      case 'X': this.fmtInteger(value, 16, verb, UPPER_DIGITS); return;
      case 'c': this.pad(String.fromCodePoint(Printer.rune(value))); return;
      case 'q': this.pad(goQuoteRune(Printer.rune(value), this.plus)); return;
      case 'U': this.fmtUnicode(value); return;
      default: this.badVerb(verb);
    }
  }

  fmtFloat(v: number, verb: string, defaultPrec: number): void {
    const prec = this.precPresent ? this.prec : defaultPrec;
    let num: string;
    if (verb === 'b') num = formatFloatBinary(v);
    else if (verb === 'x' || verb === 'X') num = formatFloatHex(v, prec, verb === 'X');
    else num = formatFloat(v, (verb === 'F' ? 'f' : verb) as 'e' | 'E' | 'f' | 'g' | 'G', prec);
    if (num[0] !== '-' && num[0] !== '+') num = '+' + num;
    if (this.space && num[0] === '+' && !this.plus) num = ' ' + num.slice(1);
    // Infinities and NaN are never zero padded, and NaN shows a sign only on request.
    if (num[1] === 'I' || num[1] === 'N') {
      const oldZero = this.zero;
      this.zero = false;
      if (num[1] === 'N' && !this.space && !this.plus) num = num.slice(1);
      this.pad(num);
      this.zero = oldZero;
      return;
    }
    // The sharp flag keeps the decimal point and, for %g, trailing zeros.
    if (this.sharp && verb !== 'b') {
      let digits = 0;
      if (verb === 'v' || verb === 'g' || verb === 'G' || verb === 'x') digits = prec === -1 ? 6 : prec;
      let tail = '';
      let body = num;
      let hasDecimalPoint = false;
      let sawNonzeroDigit = false;
      for (let i = 1; i < body.length; i++) {
        const c = body[i];
        if (c === '.') { hasDecimalPoint = true; continue; }
        if (c === 'p' || c === 'P' || ((c === 'e' || c === 'E') && verb !== 'x' && verb !== 'X')) {
          tail = body.slice(i);
          body = body.slice(0, i);
          break;
        }
        if (c !== '0') sawNonzeroDigit = true;
        if (sawNonzeroDigit) digits--;
      }
      if (!hasDecimalPoint) {
        if (body.length === 2 && body[1] === '0') digits--;
        body += '.';
      }
      if (digits > 0) body += '0'.repeat(digits);
      num = body + tail;
    }
    if (this.plus || num[0] !== '+') {
      // With zero padding the sign goes before the zeros.
      if (this.zero && !this.minus && this.widPresent && this.wid > num.length) {
        this.out += num[0];
        this.writePadding(this.wid - num.length);
        this.out += num.slice(1);
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }

  printFloat(v: number, verb: string): void {
    switch (verb) {
      case 'v': this.fmtFloat(v, 'g', -1); return;
      case 'b': case 'g': case 'G': case 'x': case 'X': this.fmtFloat(v, verb, -1); return;
      case 'f': case 'e': case 'E': case 'F': this.fmtFloat(v, verb, 6); return;
      default: this.badVerb(verb);
    }
  }

  printString(s: string, verb: string): void {
    switch (verb) {
      case 'v': if (this.sharpV) this.fmtQ(s); else this.fmtS(s); return;
      case 's': this.fmtS(s); return;
      case 'x': this.fmtSbx(Buffer.from(s, 'utf8'), LOWER_DIGITS); return;
      case 'X': this.fmtSbx(Buffer.from(s, 'utf8'), UPPER_DIGITS); return;
      case 'q': this.fmtQ(s); return;
      default: this.badVerb(verb);
    }
  }

  printBytes(bytes: Uint8Array, verb: string): void {
    switch (verb) {
      case 'v': case 'd':
        if (this.sharpV) {
          this.out += '[]byte{';
          bytes.forEach((b, i) => {
            if (i > 0) this.out += ', ';
            const oldSharp = this.sharp;
            this.sharp = true;
            this.fmtInteger(BigInt(b), 16, 'v', LOWER_DIGITS);
            this.sharp = oldSharp;
          });
          this.out += '}';
        } else {
          this.out += '[';
          bytes.forEach((b, i) => {
            if (i > 0) this.out += ' ';
            this.fmtInteger(BigInt(b), 10, verb, LOWER_DIGITS);
          });
          this.out += ']';
        }
        return;
      case 's': this.fmtS(Buffer.from(bytes).toString('utf8')); return;
      case 'x': this.fmtSbx(bytes, LOWER_DIGITS); return;
      case 'X': this.fmtSbx(bytes, UPPER_DIGITS); return;
      case 'q': this.fmtQ(Buffer.from(bytes).toString('utf8')); return;
      default:
        this.out += '[';
        bytes.forEach((b, i) => {
          if (i > 0) this.out += ' ';
          this.printElement(new GoInteger('uint8', BigInt(b)), verb);
        });
        this.out += ']';
    }
  }

  badVerb(verb: string): void {
    const arg = this.arg;
    this.out += '%!' + verb + '(';
    if (arg === null || arg === undefined) this.out += '<nil>';
    else {
      this.out += goTypeName(arg) + '=';
      this.printArg(arg, 'v');
    }
    this.out += ')';
  }

  /** A value inside a slice or map (printValue at depth > 0). */
  printElement(v: GoValue, verb: string): void {
    if (v === null) {
      this.out += this.sharpV ? 'interface {}(nil)' : '<nil>';
      return;
    }
    // Below the top level fmt prints a pointer to a struct as its address.
    if (isGoObject(v) && v.structFields && v.goType.startsWith('*')) {
      this.printPointer(v);
      return;
    }
    this.printArg(v, verb);
  }

  /** A struct's fields in braces, each with the verb; "&" first for a pointer at the top. */
  printStruct(goType: string, fields: readonly GoValue[], verb: string): void {
    if (goType.startsWith('*')) this.out += '&';
    this.out += '{';
    fields.forEach((field, i) => {
      if (i > 0) this.out += ' ';
      this.printElement(field, verb);
    });
    this.out += '}';
  }

  printSlice(items: GoValue[], verb: string): void {
    if (this.sharpV) {
      this.out += `${sliceTypeName(items)}{`;
      items.forEach((item, i) => {
        if (i > 0) this.out += ', ';
        this.printElement(item, verb);
      });
      this.out += '}';
      return;
    }
    this.out += '[';
    items.forEach((item, i) => {
      if (i > 0) this.out += ' ';
      this.printElement(item, verb);
    });
    this.out += ']';
  }

  printMap(map: { [key: string]: GoValue }, verb: string): void {
    const keys = Object.keys(map).sort(compareKeys);
    this.out += this.sharpV ? 'map[string]interface {}{' : 'map[';
    keys.forEach((key, i) => {
      if (i > 0) this.out += this.sharpV ? ', ' : ' ';
      this.printArg(key, verb);
      this.out += ':';
      this.printElement(map[key], verb);
    });
    this.out += this.sharpV ? '}' : ']';
  }

  printArg(arg: GoValue, verb: string): void {
    this.arg = arg;
    if (arg === null) {
      if (verb === 'T' || verb === 'v') this.pad('<nil>');
      else this.badVerb(verb);
      return;
    }
    if (verb === 'T') { this.fmtS(goTypeName(arg)); return; }
    if (verb === 'p') { this.printPointer(arg); return; }
    if (typeof arg === 'boolean') {
      if (verb === 't' || verb === 'v') this.pad(arg ? 'true' : 'false');
      else this.badVerb(verb);
    } else if (typeof arg === 'number') this.printFloat(arg, verb);
    else if (typeof arg === 'bigint') this.printInteger(arg, false, verb);
    else if (arg instanceof GoInteger) this.printInteger(arg.value, UNSIGNED.has(arg.kind), verb);
    else if (typeof arg === 'string') this.printString(arg, verb);
    else if (arg instanceof Uint8Array) this.printBytes(arg, verb);
    else if (Array.isArray(arg)) {
      // A []string and friends print like []interface{} holding the same values.
      this.printSlice(arg, verb);
    } else if (isGoFunc(arg)) {
      if (verb === 'v') this.pad(`0x${'0'.repeat(6)}`);
      else this.badVerb(verb);
    } else if (isGoObject(arg) && arg.structFields && !this.sharpV) {
      this.printStruct(arg.goType, arg.structFields(), verb);
    } else {
      const text = stringerText(arg);
      if (text !== undefined) {
        // Stringers handle v, s, x, X and q through their String() result.
        if ('vsxXq'.includes(verb)) this.printString(text, verb === 'v' && this.sharpV ? 's' : verb);
        else this.badVerb(verb);
      } else if (isGoMap(arg)) this.printMap(arg, verb);
      else this.badVerb(verb);
    }
  }

  /** %p: Go prints a heap address; reference types get a stable stand-in. */
  printPointer(arg: GoValue): void {
    if (Array.isArray(arg) || arg instanceof Uint8Array || isGoMap(arg) || isGoFunc(arg) || isGoObject(arg)) {
      this.pad('0xc000010000');
      return;
    }
    this.badVerb('p');
  }
}

/** fmt.Sprint: operands joined with a space where neither neighbour is a string. */
export function sprint(...args: GoValue[]): string {
  // A lone string prints as itself; templates print one value per action, mostly strings.
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  const p = new Printer();
  let prevString = false;
  args.forEach((arg, i) => {
    const isString = typeof arg === 'string';
    if (i > 0 && !isString && !prevString) p.out += ' ';
    p.printArg(arg, 'v');
    prevString = isString;
  });
  return p.out;
}

/** fmt.Sprintln: operands always space-separated, then a newline. */
export function sprintln(...args: GoValue[]): string {
  const p = new Printer();
  args.forEach((arg, i) => {
    if (i > 0) p.out += ' ';
    p.printArg(arg, 'v');
  });
  return p.out + '\n';
}

/** Parses a decimal number at s[start..end); fails on overflow past TOO_LARGE. */
function parseNum(s: string, start: number, end: number): { num: number; isNum: boolean; next: number } {
  if (start >= end) return { num: 0, isNum: false, next: end };
  let num = 0;
  let isNum = false;
  let i = start;
  for (; i < end && s[i] >= '0' && s[i] <= '9'; i++) {
    if (num > TOO_LARGE || num < -TOO_LARGE) return { num: 0, isNum: false, next: end };
    num = num * 10 + (s.charCodeAt(i) - 48);
    isNum = true;
  }
  return { num, isNum, next: i };
}

/** An int operand for a * width or precision. */
function intFromArg(args: GoValue[], argNum: number): { num: number; isInt: boolean; next: number } {
  if (argNum >= args.length) return { num: 0, isInt: false, next: argNum };
  const a = args[argNum];
  let value: bigint | undefined;
  if (typeof a === 'bigint') value = a;
  else if (a instanceof GoInteger) value = a.value;
  let num = 0;
  let isInt = value !== undefined && value >= -(2n ** 63n) && value < 2n ** 63n;
  if (isInt) num = Number(value);
  if (num > TOO_LARGE || num < -TOO_LARGE) { num = 0; isInt = false; }
  return { num, isInt, next: argNum + 1 };
}

/** fmt.Sprintf. The format is scanned by code point; verbs are single runes. */
export function sprintf(format: string, ...args: GoValue[]): string {
  const p = new Printer();
  const end = format.length;
  let argNum = 0;
  let afterIndex = false;
  let reordered = false;
  let goodArgNum = true;

  // An explicit [n] argument index at position i.
  const argNumber = (i: number): number => {
    if (i >= end || format[i] !== '[') { afterIndex = false; return i; }
    reordered = true;
    const close = format.indexOf(']', i + 1);
    if (end - i < 3 || close < 0) { goodArgNum = false; afterIndex = false; return i + 1; }
    const { num, isNum, next } = parseNum(format, i + 1, close);
    if (!isNum || next !== close) { goodArgNum = false; afterIndex = false; return close + 1; }
    const index = num - 1;
    if (index >= 0 && index < args.length) { argNum = index; afterIndex = true; return close + 1; }
    goodArgNum = false;
    afterIndex = true;
    return close + 1;
  };

  let i = 0;
  formatLoop: while (i < end) {
    goodArgNum = true;
    const start = i;
    while (i < end && format[i] !== '%') i++;
    if (i > start) p.out += format.slice(start, i);
    if (i >= end) break;
    i++;
    p.clearFlags();
    flags: for (; i < end; i++) {
      switch (format[i]) {
        case '#': p.sharp = true; break;
        case '0': p.zero = !p.minus; break; // zero padding only to the left
        case '+': p.plus = true; break;
        case '-': p.minus = true; p.zero = false; break;
        case ' ': p.space = true; break;
        default: break flags;
      }
    }
    afterIndex = false;
    i = argNumber(i);
    if (i < end && format[i] === '*') {
      i++;
      const w = intFromArg(args, argNum);
      p.wid = w.num; p.widPresent = w.isInt; argNum = w.next;
      if (!p.widPresent) p.out += '%!(BADWIDTH)';
      if (p.wid < 0) { p.wid = -p.wid; p.minus = true; p.zero = false; }
      afterIndex = false;
    } else {
      const w = parseNum(format, i, end);
      p.wid = w.num; p.widPresent = w.isNum; i = w.next;
      if (afterIndex && p.widPresent) goodArgNum = false; // "%[3]2d"
    }
    if (i + 1 < end && format[i] === '.') {
      i++;
      if (afterIndex) goodArgNum = false; // "%[3].2d"
      afterIndex = false;
      i = argNumber(i);
      if (i < end && format[i] === '*') {
        i++;
        const pr = intFromArg(args, argNum);
        p.prec = pr.num; p.precPresent = pr.isInt; argNum = pr.next;
        if (p.prec < 0) { p.prec = 0; p.precPresent = false; }
        if (!p.precPresent) p.out += '%!(BADPREC)';
        afterIndex = false;
      } else {
        const pr = parseNum(format, i, end);
        p.prec = pr.num; p.precPresent = true; i = pr.next;
      }
    }
    if (!afterIndex) i = argNumber(i);
    if (i >= end) { p.out += '%!(NOVERB)'; break; }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === '%') { p.out += '%'; continue formatLoop; }
    if (!goodArgNum) { p.out += `%!${verb}(BADINDEX)`; continue formatLoop; }
    if (argNum >= args.length) { p.out += `%!${verb}(MISSING)`; continue formatLoop; }
    if (verb === 'v') {
      p.sharpV = p.sharp; p.sharp = false;
      p.plus = false;
    }
    p.printArg(args[argNum], verb);
    argNum++;
  }

  if (!reordered && argNum < args.length) {
    p.clearFlags();
    p.out += '%!(EXTRA ';
    args.slice(argNum).forEach((arg, k) => {
      if (k > 0) p.out += ', ';
      if (arg === null) p.out += '<nil>';
      else {
        p.out += goTypeName(arg) + '=';
        p.printArg(arg, 'v');
      }
    });
    p.out += ')';
  }
  return p.out;
}
