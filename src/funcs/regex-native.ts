// Go RE2 patterns run by the JavaScript engine's own regular expressions where both mean
// the same: compiling a pattern with re2js costs a chart several milliseconds per pattern
// (cold code), a native RegExp almost nothing. Only a plain subset is translated (literals,
// `.`, classes, the ASCII escapes, groups, alternation, repetition, `^ $ \b`); the translation
// spells out what differs (RE2's `\s`, `.`, class ranges such as `[0-9-_]`), and anything
// else (flags, named groups, Unicode classes, empty alternatives, nested repetition) answers
// undefined, so the caller takes re2js. Matches follow Go's FindAll rules: an empty match
// right after the previous match is skipped.

/** What the regex functions need of a compiled pattern (re2js's compiled patterns have it too). */
export interface Matcher {
  match(s: string): boolean;
  /**
   * Go's FindAllStringSubmatchIndex (n < 0: all), -1 for a group that took no part; null when
   * none. A native matcher compiled without exact groups gives the whole matches only.
   */
  findAllSubmatchIndex(s: string, n: number): number[][] | null;
  namedGroups: Record<string, number>;
}

class Unsupported extends Error {}

function unsupported(): never {
  throw new Unsupported();
}

const syntaxCharacters = new Set([...'^$\\.*+?()[]{}|/']);
const spaceClass = '\\t\\n\\f\\r ';
const controlEscapes: Record<string, string> = { f: '\\f', n: '\\n', r: '\\r', t: '\\t', v: '\\v', a: '\\x07' };

const isAsciiAlnum = (c: string) => {
  const code = c.charCodeAt(0);
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
};

/** A code point spelled for a u-mode class, where every escape of this form is valid. */
const classChar = (cp: number) => `\\u{${cp.toString(16)}}`;

/** The translation of one pattern: the JS source and whether groups report as RE2's do. */
interface Translation { source: string; exactGroups: boolean }

/** An open group (or the whole pattern) while translating. */
interface Frame {
  /** It or a group inside it captures. */
  captures: boolean;
  /** Every item of the current alternative so far can match the empty string. */
  altNullable: boolean;
  /** Some finished alternative can match the empty string. */
  nullable: boolean;
  /** Nothing yet in the current alternative. */
  altEmpty: boolean;
}

/** The item a repetition would apply to. */
interface Item { nullable: boolean; repeatable: boolean; group?: Frame; repeated: boolean }

const repetition = /^(?:[*+?]|\{(\d{1,4})(?:(,)(\d{0,4}))?\})/;

function translate(pattern: string): Translation {
  const chars = [...pattern];
  let i = 0;
  let out = '';
  let exactGroups = true;
  const frames: Frame[] = [{ captures: false, altNullable: true, nullable: false, altEmpty: true }];
  const frame = () => frames[frames.length - 1];
  let last: Item | undefined;
  const commit = () => {
    if (last) frame().altNullable &&= last.nullable;
    last = undefined;
  };
  const item = (source: string, nullable: boolean, repeatable: boolean) => {
    commit();
    out += source;
    frame().altEmpty = false;
    last = { nullable, repeatable, repeated: false };
  };
  const escape = (c: string): string => {
    if (c === 'd' || c === 'D' || c === 'w' || c === 'W' || c === 'b' || c === 'B') return `\\${c}`;
    if (c === 's') return `[${spaceClass}]`;
    if (c === 'S') return `[^${spaceClass}]`;
    if (c in controlEscapes) return controlEscapes[c];
    if (c.charCodeAt(0) < 128 && !isAsciiAlnum(c)) return syntaxCharacters.has(c) ? `\\${c}` : c;
    return unsupported();
  };

  while (i < chars.length) {
    const c = chars[i++];
    if (c === '*' || c === '+' || c === '?' || c === '{') {
      const m = repetition.exec(c === '{' ? chars.slice(i - 1, i + 11).join('') : c);
      if (m === null) {
        item('\\{', false, true); // not a repetition: a literal brace, as in Go
        continue;
      }
      // Nothing to repeat, a repetition of a repetition, a counted repetition of a group
      // (nesting could pass Go's limit of 1000) and a repeated group that can match the empty
      // string (JavaScript and Go then differ in which match they prefer) go to re2js.
      if (!last || !last.repeatable || last.repeated || (c === '{' && last.group) || last.group?.nullable) unsupported();
      let min = c === '+' ? 1 : 0;
      if (c === '{') {
        min = Number(m[1]);
        const max = m[2] ? (m[3] === '' ? -1 : Number(m[3])) : min;
        if (min > 1000 || max > 1000 || (max >= 0 && max < min)) unsupported();
      }
      i += m[0].length - 1;
      let quantifier = m[0];
      if (chars[i] === '?') {
        quantifier += '?';
        i++;
      }
      out += quantifier;
      if (last.group?.captures) exactGroups = false;
      last.repeated = true;
      last.nullable ||= min === 0;
      continue;
    }
    switch (c) {
      case '(': {
        let capturing = true;
        if (chars[i] === '?') {
          if (chars[i + 1] !== ':') unsupported();
          capturing = false;
          i += 2;
        }
        commit();
        frame().altEmpty = false;
        if (capturing) for (const f of frames) f.captures = true;
        frames.push({ captures: capturing, altNullable: true, nullable: false, altEmpty: true });
        out += capturing ? '(' : '(?:';
        break;
      }
      case ')': {
        if (frames.length === 1 || frame().altEmpty) unsupported();
        commit();
        const group = frames.pop()!;
        group.nullable ||= group.altNullable;
        out += ')';
        last = { nullable: group.nullable, repeatable: true, group, repeated: false };
        break;
      }
      case '|':
        if (frame().altEmpty) unsupported();
        commit();
        frame().nullable ||= frame().altNullable;
        frame().altNullable = true;
        frame().altEmpty = true;
        out += '|';
        break;
      case '^': case '$':
        item(c, true, false);
        break;
      case '.':
        item('[^\\n]', false, true);
        break;
      case '[': {
        const { source, end } = translateClass(chars, i);
        i = end;
        item(source, false, true);
        break;
      }
      case '\\': {
        if (i >= chars.length) unsupported();
        const e = chars[i++];
        const zeroWidth = e === 'b' || e === 'B';
        item(escape(e), zeroWidth, !zeroWidth);
        break;
      }
      default:
        item(syntaxCharacters.has(c) ? `\\${c}` : c, false, true);
    }
  }
  if (frames.length > 1 || (frame().altEmpty && out.endsWith('|'))) unsupported();
  return { source: out, exactGroups };
}

/** One escape or character inside a class: its code point, or a whole set for \d \w \s. */
function classItem(chars: string[], i: number): { cp?: number; set?: string; end: number } {
  const c = chars[i];
  if (c === undefined) unsupported();
  if (c !== '\\') return { cp: c.codePointAt(0)!, end: i + 1 };
  const e = chars[i + 1];
  if (e === undefined) unsupported();
  if (e === 'd' || e === 'D' || e === 'w' || e === 'W') return { set: `\\${e}`, end: i + 2 };
  if (e === 's') return { set: spaceClass, end: i + 2 };
  if (e in controlEscapes) return { cp: { f: 12, n: 10, r: 13, t: 9, v: 11, a: 7 }[e]!, end: i + 2 };
  if (e.charCodeAt(0) < 128 && !isAsciiAlnum(e)) return { cp: e.charCodeAt(0), end: i + 2 };
  return unsupported();
}

/** A class after its `[`, read by Go's rules (`]` first is literal, `a-z-_` is a-z and the range '-'..'_'). */
function translateClass(chars: string[], start: number): { source: string; end: number } {
  let i = start;
  let out = '[';
  if (chars[i] === '^') {
    out += '^';
    i++;
  }
  let first = true;
  while (first || chars[i] !== ']') {
    if (i >= chars.length) unsupported();
    first = false;
    if (chars[i] === '[' && chars[i + 1] === ':') unsupported();
    const lo = classItem(chars, i);
    i = lo.end;
    if (lo.set !== undefined) {
      out += lo.set;
      continue;
    }
    if (chars[i] === '-' && chars[i + 1] !== undefined && chars[i + 1] !== ']') {
      const hi = classItem(chars, i + 1);
      if (hi.cp === undefined || hi.cp < lo.cp!) unsupported();
      out += `${classChar(lo.cp!)}-${classChar(hi.cp)}`;
      i = hi.end;
      continue;
    }
    out += classChar(lo.cp!);
  }
  return { source: `${out}]`, end: i + 1 };
}

class NativeMatcher implements Matcher {
  readonly namedGroups: Record<string, number> = {};
  private readonly test: RegExp;
  /** Global; with the groups' indices ('d', which costs) only when they are read. */
  private readonly all: RegExp;

  constructor(source: string, groups: boolean) {
    this.test = new RegExp(source, 'u');
    this.all = new RegExp(source, groups ? 'dgu' : 'gu');
  }

  match(s: string): boolean {
    return this.test.test(s);
  }

  findAllSubmatchIndex(s: string, n: number): number[][] | null {
    const found: number[][] = [];
    const re = this.all;
    let pos = 0;
    let previousEnd = -1;
    while ((n < 0 || found.length < n) && pos <= s.length) {
      re.lastIndex = pos;
      const m = re.exec(s);
      if (m === null) break;
      const start = m.index;
      const end = start + m[0].length;
      let accept = true;
      if (start === end) {
        // An empty match: never right after the previous match; the search goes on one character later.
        if (start === previousEnd) accept = false;
        pos = end + ((s.codePointAt(end) ?? 0) > 0xffff ? 2 : 1);
      } else {
        pos = end;
      }
      previousEnd = end;
      if (!accept) continue;
      const indexes = [start, end];
      if (m.indices) for (let g = 1; g < m.length; g++) {
        const span = m.indices[g];
        indexes.push(span ? span[0] : -1, span ? span[1] : -1);
      }
      found.push(indexes);
    }
    return found.length > 0 ? found : null;
  }
}

/**
 * The pattern as a native matcher, or undefined where its meaning could differ from Go's.
 * `exactGroups`: the caller reads submatches, which must then report as Go's do.
 */
export function nativeMatcher(pattern: string, exactGroups: boolean): Matcher | undefined {
  let translation: Translation;
  try {
    translation = translate(pattern);
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
  if (exactGroups && !translation.exactGroups) return undefined;
  try {
    return new NativeMatcher(translation.source, exactGroups);
  } catch {
    return undefined;
  }
}
