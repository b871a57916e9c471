// A fast reader for the YAML that values files and rendered manifests are nearly all made
// of: block mappings and sequences, one-line plain and quoted scalars, literal and folded block
// scalars, comments, [] and {}, anchors on scalars and their aliases. Anything else (anchors
// on collections, tags, flow content, multi-line
// scalars, tabs, several documents, odd indentation) answers undefined, and the caller uses
// the full parser, so this path only ever gives what the full one would, faster.
import { plainScalarValue } from './yaml-resolve.ts';

/** A go-yaml value before the JSON round trip: ints are bigint, map keys keep their YAML type. */
export type RawYaml = string | boolean | null | bigint | number | RawYaml[] | RawMap;
export type RawMap = Map<RawYaml, RawYaml>;

/** Thrown inside to give up; never escapes this file. */
const giveUp = Symbol('not simple YAML');

// Tabs, carriage returns, line separators, byte order marks and control characters, and
// anything that starts or ends a document or a directive, are left to the full parser.
const unsupported = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|(?:^|\n)(?:---|\.\.\.|%)/;

/** Characters that cannot start a plain scalar here (or start something this reader leaves alone). */
const indicators = new Set(['-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`']);

/** The first document of `text` as go-yaml decodes it, or undefined when it is not simple. */
export function fastYaml(text: string): RawYaml | undefined {
  if (unsupported.test(text)) return undefined;
  try {
    return new Reader(text).document();
  } catch (err) {
    if (err === giveUp) return undefined;
    throw err;
  }
}

function fail(): never {
  throw giveUp;
}

function leadingSpaces(s: string): number {
  let n = 0;
  while (n < s.length && s.charCodeAt(n) === 32) n++;
  return n;
}

/** Trailing spaces off (only spaces: YAML keeps other white space). */
function trimSpaces(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 32) end--;
  return end === s.length ? s : s.slice(0, end);
}

function isBlankOrComment(content: string): boolean {
  return content === '' || content.charCodeAt(0) === 35; // '#'
}

/** A comment or nothing may follow a scalar on its line. */
function onlyCommentAfter(rest: string): boolean {
  if (rest === '') return true;
  const spaces = leadingSpaces(rest);
  return spaces === rest.length || (spaces > 0 && rest.charCodeAt(spaces) === 35);
}

const simpleEscapes: Record<string, string> = {
  '\\': '\\', '"': '"', '/': '/', n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '0': '\0', a: '\x07', v: '\v', e: '\x1b', ' ': ' ',
};

class Reader {
  private readonly lines: string[];
  /** Per line: leading spaces and what follows them (rewritten for a compact `- key: v` item). */
  private readonly indents: number[];
  private readonly contents: string[];
  private i = 0;
  /** The scalar values of the anchors defined so far (an alias reads the latest definition before it). */
  private readonly anchors = new Map<string, RawYaml>();

  constructor(text: string) {
    this.lines = text.split('\n');
    this.indents = this.lines.map(leadingSpaces);
    this.contents = this.lines.map((line, k) => line.slice(this.indents[k]));
  }

  document(): RawYaml {
    this.skipBlank();
    if (this.i >= this.lines.length) return null;
    // A document that is one flow collection, `{}` above all (what fromYaml often gets).
    const opening = this.contents[this.i][0];
    const value = opening === '{' || opening === '[' ? this.inlineValue(this.contents[this.i], -1) : this.nodeAt(this.indents[this.i]);
    this.skipBlank();
    if (this.i < this.lines.length) fail();
    return value;
  }

  private skipBlank(): void {
    while (this.i < this.lines.length && isBlankOrComment(this.contents[this.i])) this.i++;
  }

  private isDash(content: string): boolean {
    return content === '-' || content.startsWith('- ');
  }

  /** A mapping or a sequence whose first line (the current one) is indented by `indent`. */
  private nodeAt(indent: number): RawYaml {
    const content = this.contents[this.i];
    if (this.isDash(content)) return this.sequence(indent);
    if (this.keyOf(content) !== undefined) return this.mapping(indent);
    return fail();
  }

  /** The value on the lines after `key:` (or `-`) with nothing after it on its line. */
  private blockValue(parentIndent: number, sequenceMayAlign: boolean): RawYaml {
    const start = this.i;
    this.skipBlank();
    if (this.i >= this.lines.length) return null;
    const indent = this.indents[this.i];
    if (indent > parentIndent) {
      const content = this.contents[this.i];
      if (this.isDash(content) || this.keyOf(content) !== undefined) return this.nodeAt(indent);
      // A scalar, [] or {} on the line after its key (toYaml | nindent writes `{}` so).
      if (content[0] === '|' || content[0] === '>') fail();
      for (let j = start; j < this.i; j++) if (this.contents[j] !== '') fail();
      return this.inlineValue(content, parentIndent);
    }
    if (indent === parentIndent && sequenceMayAlign && this.isDash(this.contents[this.i])) return this.sequence(indent);
    return null;
  }

  private sequence(indent: number): RawYaml[] {
    const items: RawYaml[] = [];
    for (;;) {
      this.skipBlank();
      if (this.i >= this.lines.length || this.indents[this.i] < indent) break;
      if (this.indents[this.i] > indent) fail();
      const content = this.contents[this.i];
      if (!this.isDash(content)) break;
      const gap = leadingSpaces(content.slice(1));
      const rest = content.slice(1 + gap);
      if (isBlankOrComment(rest)) {
        this.i++;
        items.push(this.blockValue(indent, false));
        continue;
      }
      const inner = indent + 1 + gap;
      if (this.isDash(rest) || this.keyOf(rest) !== undefined) {
        // A compact item: the rest of the line is the first line of a node at its column.
        this.indents[this.i] = inner;
        this.contents[this.i] = rest;
        items.push(this.nodeAt(inner));
        continue;
      }
      items.push(this.inlineValue(rest, indent));
    }
    return items;
  }

  private mapping(indent: number): RawMap {
    const map: RawMap = new Map();
    for (;;) {
      this.skipBlank();
      if (this.i >= this.lines.length || this.indents[this.i] < indent) break;
      if (this.indents[this.i] > indent) fail();
      const content = this.contents[this.i];
      const key = this.keyOf(content);
      if (key === undefined) {
        if (this.isDash(content)) break;
        fail();
      }
      const rest = content.slice(key.end + leadingSpaces(content.slice(key.end)));
      let value: RawYaml;
      if (isBlankOrComment(rest)) {
        this.i++;
        value = this.blockValue(indent, true);
      } else {
        value = this.inlineValue(rest, indent);
      }
      // A repeated key keeps its first place and takes the later value, as go-yaml's map does.
      map.set(key.value, value);
    }
    return map;
  }

  /** The key of a `key: ...` line and where its value starts, or undefined when the line is no such line. */
  private keyOf(content: string): { value: RawYaml; end: number } | undefined {
    const first = content[0];
    if (first === '"' || first === "'") {
      const quoted = first === '"' ? doubleQuoted(content) : singleQuoted(content);
      if (quoted === undefined) return undefined;
      const colon = quoted.end;
      if (content[colon] !== ':' || (colon + 1 < content.length && content[colon + 1] !== ' ')) return undefined;
      return { value: quoted.value, end: colon + 1 };
    }
    if (first === undefined || indicators.has(first)) return undefined;
    let colon = content.indexOf(': ');
    if (colon < 0) {
      if (!content.endsWith(':')) return undefined;
      colon = content.length - 1;
    }
    const text = trimSpaces(content.slice(0, colon));
    // Keys with these characters, merge keys and over-long keys go to the full parser.
    if (/[#:[\]{},]/.test(text) || text === '<<' || text.length > 1000) fail();
    return { value: plainScalarValue(text), end: colon + 1 };
  }

  /** A scalar (or [] / {}) starting on the current line after `key: ` or `- `; consumes its lines. */
  private inlineValue(rest: string, indent: number): RawYaml {
    const first = rest[0];
    let value: RawYaml;
    if (first === '&') return this.anchored(rest, indent);
    if (first === '|') return this.literalBlock(rest, indent);
    if (first === '>') return this.foldedBlock(rest, indent);
    if (first === '*') {
      const name = anchorName(rest);
      const anchored = this.anchors.get(name);
      if (anchored === undefined || !onlyCommentAfter(rest.slice(1 + name.length))) fail();
      value = anchored;
    } else if (first === '"' || first === "'") {
      let quoted = first === '"' ? doubleQuoted(rest) : singleQuoted(rest);
      let after = rest;
      if (quoted === undefined && first === "'") ({ quoted, after } = this.singleQuotedLines(rest, indent));
      if (quoted === undefined || !onlyCommentAfter(after.slice(quoted.end))) fail();
      value = quoted.value;
    } else if (first === '[') {
      const flow = flowSequence(rest);
      if (!onlyCommentAfter(rest.slice(flow.end))) fail();
      value = flow.items;
    } else if (first === '{') {
      const inside = leadingSpaces(rest.slice(1)) + 1;
      if (rest[inside] !== '}' || !onlyCommentAfter(rest.slice(inside + 1))) fail();
      value = new Map();
    } else {
      // A plain scalar may start with '-', '?' or ':' when a non-space follows ("--flag", ":8080").
      if (indicators.has(first) && !((first === '-' || first === '?' || first === ':') && rest.length > 1 && rest[1] !== ' ')) fail();
      const comment = rest.indexOf(' #');
      const text = trimSpaces(comment < 0 ? rest : rest.slice(0, comment));
      if (text.includes(': ') || text.endsWith(':')) fail();
      this.i++;
      return plainScalarValue(this.plainContinuation(text, indent, comment >= 0));
    }
    this.i++;
    // A more indented line next would continue a quoted scalar over lines: the full parser's job.
    this.skipBlank();
    if (this.i < this.lines.length && this.indents[this.i] > indent) fail();
    return value;
  }

  /** `&name scalar`: the scalar, kept for the aliases after it; an anchored collection goes to the full parser. */
  private anchored(rest: string, indent: number): RawYaml {
    const name = anchorName(rest);
    const after = rest.slice(1 + name.length);
    const gap = leadingSpaces(after);
    if (gap === 0 || isBlankOrComment(after.slice(gap)) || '&*!|>['.includes(after[gap]) || after[gap] === '{') fail();
    const value = this.inlineValue(after.slice(gap), indent);
    this.anchors.set(name, value);
    return value;
  }

  /**
   * A single-quoted scalar that goes on over the following lines, each indented past
   * `indent`, folded as a plain one is. Leaves the current line at the closing quote's line;
   * `after` is that line's text, `quoted.end` where the scalar ends in it.
   */
  private singleQuotedLines(first: string, indent: number): { quoted: { value: string; end: number }; after: string } {
    let text = trimSpaces(singleQuotedPart(first.slice(1)));
    let breaks = 0;
    for (let j = this.i + 1; j < this.lines.length; j++) {
      if (this.indents[j] === this.lines[j].length) {
        breaks++;
        continue;
      }
      if (this.indents[j] <= indent) fail();
      const content = this.contents[j];
      const closing = singleQuoted(`'${content}`);
      const part = closing === undefined ? trimSpaces(singleQuotedPart(content)) : closing.value;
      text += breaks === 0 ? ` ${part}` : '\n'.repeat(breaks) + part;
      breaks = 0;
      if (closing !== undefined) {
        this.i = j;
        return { quoted: { value: text, end: closing.end - 1 }, after: content };
      }
    }
    return fail();
  }

  /**
   * A plain scalar's following lines indented past `indent`, folded: a line break becomes a
   * space, n empty lines become n line breaks. Consumes them.
   */
  private plainContinuation(first: string, indent: number, hadComment: boolean): string {
    let text = first;
    let breaks = 0;
    let next = this.i;
    for (let j = this.i; j < this.lines.length; j++) {
      if (this.indents[j] === this.lines[j].length) {
        breaks++;
        continue;
      }
      if (this.indents[j] <= indent) break;
      const content = this.contents[j];
      // A comment line ends the scalar; a more indented line after it is the caller's error.
      if (content[0] === '#') break;
      if (hadComment || continuationStops.has(content[0]) || this.isDash(content) || content.startsWith('? ') || content.includes(' #')) fail();
      const line = trimSpaces(content);
      if (line.includes(': ') || line.endsWith(':') || line === '?' || line.startsWith(': ')) fail();
      text += breaks === 0 ? ` ${line}` : '\n'.repeat(breaks) + line;
      breaks = 0;
      next = j + 1;
    }
    this.i = next;
    return text;
  }

  /** `|`, `|-` or `|+` and the lines indented past `indent` that follow. */
  private literalBlock(header: string, indent: number): string {
    const chomp = header[1] === '-' || header[1] === '+' ? header[1] : '';
    if (!onlyCommentAfter(header.slice(1 + chomp.length))) fail();
    const { body, content } = this.blockLines(indent);
    if (content.length === 0) {
      if (chomp === '+') fail();
      return '';
    }
    if (chomp === '-') return content.join('\n');
    if (chomp === '+') return `${body.join('\n')}\n`;
    return `${content.join('\n')}\n`;
  }

  /**
   * `>` or `>-` and its lines, folded: a line break between two lines becomes a space, n empty
   * lines between them n line breaks. More-indented lines (kept as they are), a leading empty
   * line, trailing spaces and `>+` go to the full parser.
   */
  private foldedBlock(header: string, indent: number): string {
    const chomp = header[1] === '-' || header[1] === '+' ? header[1] : '';
    if (chomp === '+' || !onlyCommentAfter(header.slice(1 + chomp.length))) fail();
    const { content } = this.blockLines(indent);
    if (content.length === 0) return '';
    if (content[0] === '' || content.some((line) => line[0] === ' ' || line.endsWith(' '))) fail();
    let text = content[0];
    let breaks = 0;
    for (let j = 1; j < content.length; j++) {
      if (content[j] === '') {
        breaks++;
        continue;
      }
      text += breaks === 0 ? ` ${content[j]}` : '\n'.repeat(breaks) + content[j];
      breaks = 0;
    }
    return chomp === '-' ? text : `${text}\n`;
  }

  /**
   * The lines of a block scalar after its header, indented past `indent`, without that
   * indentation: `body` with the trailing empty lines, `content` without. Consumes them.
   */
  private blockLines(indent: number): { body: string[]; content: string[] } {
    this.i++;
    const body: string[] = [];
    let contentIndent = -1;
    let trailingBlank = 0;
    /** The most spaces of an all-space line before the first content line. */
    let leadingBlankWidth = 0;
    for (; this.i < this.lines.length; this.i++) {
      const line = this.lines[this.i];
      const spaces = this.indents[this.i];
      if (spaces === line.length) {
        if (this.i === this.lines.length - 1 && line !== '') fail();
        if (contentIndent >= 0 && spaces > contentIndent) {
          // Spaces past the content's indentation are content.
          body.push(line.slice(contentIndent));
          trailingBlank = 0;
          continue;
        }
        // An empty line (before the first content line, it may not reach past that line's indentation).
        if (contentIndent < 0) leadingBlankWidth = Math.max(leadingBlankWidth, spaces);
        body.push('');
        trailingBlank++;
        continue;
      }
      if (contentIndent < 0) {
        if (spaces <= indent) break;
        if (leadingBlankWidth > spaces) fail();
        contentIndent = spaces;
      }
      if (spaces < contentIndent) break;
      body.push(line.slice(contentIndent));
      trailingBlank = 0;
    }
    // The lines split off after a final line break are no line of the block.
    if (this.i === this.lines.length && this.lines[this.lines.length - 1] === '') {
      body.pop();
      if (trailingBlank > 0) trailingBlank--;
    }
    return { body, content: body.slice(0, body.length - trailingBlank) };
  }
}

/** The name of the anchor or alias at the start of `s` (after its & or *): go-yaml's letters, digits, _ and -. */
function anchorName(s: string): string {
  let end = 1;
  while (end < s.length && /[0-9A-Za-z_-]/.test(s[end])) end++;
  if (end === 1 || (end < s.length && s[end] !== ' ')) fail();
  return s.slice(1, end);
}

/** Characters a plain scalar's continuation line is left to the full parser for when it starts with them. */
const continuationStops = new Set([',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '%', '@']);

/** Plain items of a one-line flow sequence: words of these characters, separated by single spaces. */
const flowPlainItem = /^[A-Za-z0-9_./+=-]+(?: [A-Za-z0-9_./+=-]+)*$/;

/** A flow sequence of scalars closed on its line, `[a, "b", 'c']`. */
function flowSequence(s: string): { items: RawYaml[]; end: number } {
  const items: RawYaml[] = [];
  let i = 1 + leadingSpaces(s.slice(1));
  if (s[i] === ']') return { items, end: i + 1 };
  for (;;) {
    const c = s[i];
    if (c === '"' || c === "'") {
      const quoted = c === '"' ? doubleQuoted(s.slice(i)) : singleQuoted(s.slice(i));
      if (quoted === undefined) fail();
      items.push(quoted.value);
      i += quoted.end;
    } else {
      let end = i;
      while (end < s.length && s[end] !== ',' && s[end] !== ']') end++;
      const item = trimSpaces(s.slice(i, end));
      if (!flowPlainItem.test(item) || item === '-' || item.startsWith('- ')) fail();
      items.push(plainScalarValue(item));
      i = end;
    }
    i += leadingSpaces(s.slice(i));
    if (s[i] === ']') return { items, end: i + 1 };
    if (s[i] !== ',') fail();
    i += 1 + leadingSpaces(s.slice(i + 1));
    if (s[i] === ']' || s[i] === ',') fail();
  }
}

/** A double-quoted scalar closed on its line: its value and the index after the closing quote. */
function doubleQuoted(s: string): { value: string; end: number } | undefined {
  let out = '';
  let from = 1;
  for (let i = 1; i < s.length; i++) {
    const c = s[i];
    if (c === '"') return { value: out + s.slice(from, i), end: i + 1 };
    if (c !== '\\') continue;
    out += s.slice(from, i);
    const next = s[i + 1];
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) {
      const code = parseInt(s.slice(i + 2, i + 6), 16);
      if (code >= 0xd800 && code <= 0xdfff) fail();
      out += String.fromCharCode(code);
      i += 5;
    } else if (next !== undefined && Object.hasOwn(simpleEscapes, next)) {
      out += simpleEscapes[next];
      i += 1;
    } else {
      fail();
    }
    from = i + 1;
  }
  return undefined;
}

/** The text of a single-quoted line that does not close the scalar ('' is a quote; a lone quote closes it). */
function singleQuotedPart(s: string): string {
  const parts = s.split("''");
  if (parts.some((part) => part.includes("'"))) fail();
  return parts.join("'");
}

/** A single-quoted scalar closed on its line ('' is a quote). */
function singleQuoted(s: string): { value: string; end: number } | undefined {
  let out = '';
  let from = 1;
  for (let i = s.indexOf("'", 1); i >= 0; i = s.indexOf("'", i + 1)) {
    out += s.slice(from, i);
    if (s[i + 1] !== "'") return { value: out, end: i + 1 };
    out += "'";
    i++;
    from = i + 1;
  }
  return undefined;
}
