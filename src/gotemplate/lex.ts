// The lexer of Go's text/template: splits a template into text and the tokens of actions,
// honouring custom delimiters, `{{-`/`-}}` whitespace trimming and comments.
// It scans character codes (no one-character strings, no regular expressions), counts lines
// only across tokens that can hold a newline and keeps its tokens as numbers in one typed
// array (no object or string per token): it runs over every template of a chart on each
// render, mostly before V8 has optimized it.

// Token kinds.
export const TEXT = 0, LEFT_DELIM = 1, RIGHT_DELIM = 2, COMMENT = 3, IDENTIFIER = 4, KEYWORD = 5, FIELD = 6, VARIABLE = 7,
  DOT = 8, STRING = 9, RAW_STRING = 10, CHAR = 11, NUMBER = 12, BOOL = 13, NIL = 14, PIPE = 15, LEFT_PAREN = 16,
  RIGHT_PAREN = 17, DECLARE = 18, ASSIGN = 19, COMMA = 20, PUNCT = 21, EOF = 22, ERROR = 23;

const keywords = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'nil', 'template', 'with']);

/** The token arrays, reused by every lex (a parse is over before the next one starts); grown as needed. */
let capacity = 4096;
let scratch = {
  kinds: new Uint8Array(capacity),
  spaced: new Uint8Array(capacity),
  starts: new Int32Array(capacity),
  ends: new Int32Array(capacity),
  lines: new Int32Array(capacity),
};

function grow(): void {
  const old = scratch;
  capacity *= 2;
  scratch = { kinds: new Uint8Array(capacity), spaced: new Uint8Array(capacity), starts: new Int32Array(capacity), ends: new Int32Array(capacity), lines: new Int32Array(capacity) };
  scratch.kinds.set(old.kinds);
  scratch.spaced.set(old.spaced);
  scratch.starts.set(old.starts);
  scratch.ends.set(old.ends);
  scratch.lines.set(old.lines);
}

/**
 * The tokens of one template text, by index: kind, whether space separates it from the
 * token before it inside an action (spaces are no tokens), where the token's text starts and
 * ends in the input (positions in errors are derived from the start), and its line. Valid
 * until the next lex: the arrays are shared.
 */
export class Tokens {
  /** The message of the final ERROR token, when lexing failed. */
  errorMessage = '';
  count = 0;
  kinds = scratch.kinds;
  spaced = scratch.spaced;
  starts = scratch.starts;
  ends = scratch.ends;
  lines = scratch.lines;
  readonly input: string;
  private readonly leftDelim: string;
  private readonly rightDelim: string;

  constructor(input: string, leftDelim: string, rightDelim: string) {
    this.input = input;
    this.leftDelim = leftDelim;
    this.rightDelim = rightDelim;
  }

  push(kind: number, start: number, end: number, line: number, spaced: boolean): void {
    const at = this.count;
    if (at === capacity) {
      grow();
      this.kinds = scratch.kinds;
      this.spaced = scratch.spaced;
      this.starts = scratch.starts;
      this.ends = scratch.ends;
      this.lines = scratch.lines;
    }
    this.kinds[at] = kind;
    this.spaced[at] = spaced ? 1 : 0;
    this.starts[at] = start;
    this.ends[at] = end;
    this.lines[at] = line;
    this.count = at + 1;
  }

  /** The token's text: the delimiter for delimiters, Go's message for an error, '' at the end. */
  value(t: number): string {
    const kind = this.kinds[t];
    if (kind === LEFT_DELIM) return this.leftDelim;
    if (kind === RIGHT_DELIM) return this.rightDelim;
    if (kind === ERROR) return this.errorMessage;
    return this.input.slice(this.starts[t], this.ends[t]);
  }

  /** Whether the token's text is `word` (no string made). */
  is(t: number, word: string): boolean {
    const start = this.starts[t];
    return this.ends[t] - start === word.length && this.input.startsWith(word, start);
  }
}

const letterOrDigit = /[\p{L}\p{Nd}]/u;

const isSpace = (code: number) => code === 32 || code === 9 || code === 13 || code === 10;
const isDigit = (code: number) => code >= 48 && code <= 57;

/** Go's isAlphaNumeric of the code unit at i (false past the end); ASCII without the Unicode regex. */
function isAlphaNumericAt(s: string, i: number): boolean {
  const code = s.charCodeAt(i);
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || isDigit(code) || code === 95;
  return code === code && letterOrDigit.test(s[i]);
}

/** Where the run of alphanumerics from i ends (ASCII checked inline: this runs for every name). */
function wordEnd(s: string, i: number): number {
  for (;; i++) {
    const code = s.charCodeAt(i);
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95) continue;
    if (code < 128 || !isAlphaNumericAt(s, i)) return i;
  }
}

function newlinesBetween(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** The kind of a word that starts with a letter. */
function wordKind(input: string, start: number, end: number): number {
  const word = input.slice(start, end);
  return word === 'true' || word === 'false' ? BOOL : word === 'nil' ? NIL : keywords.has(word) ? KEYWORD : IDENTIFIER;
}

/** Tokenizes a whole template. Errors become a final ERROR token with Go's message. */
export function lex(input: string, leftDelimiter = '{{', rightDelimiter = '}}'): Tokens {
  // Go's Delims: an empty delimiter means the default one.
  const leftDelim = leftDelimiter || '{{';
  const rightDelim = rightDelimiter || '}}';
  const tokens = new Tokens(input, leftDelim, rightDelim);
  const length = input.length;
  let pos = 0;
  let line = 1;
  const rightDelimFirst = rightDelim.charCodeAt(0);
  /** Whether space came since the last token of the current action. */
  let spaced = false;
  const fail = (message: string, at: number) => {
    tokens.errorMessage = message;
    tokens.push(ERROR, at, at, line, spaced);
    return tokens;
  };

  while (pos < length) {
    const next = input.indexOf(leftDelim, pos);
    const textEnd = next < 0 ? length : next;
    let textStop = textEnd;
    let afterDelim = next + leftDelim.length;
    // A trim marker: '-' then a space (or the end of the input).
    const trimLeft = next >= 0 && input.charCodeAt(afterDelim) === 45 && (afterDelim + 1 >= length || isSpace(input.charCodeAt(afterDelim + 1)));
    if (trimLeft) {
      while (textStop > pos && isSpace(input.charCodeAt(textStop - 1))) textStop--;
      afterDelim += 2;
    }
    if (textStop > pos) tokens.push(TEXT, pos, textStop, line, false);
    line += newlinesBetween(input, pos, textEnd);
    if (next < 0) break;
    // Comment: {{/* ... */}} possibly with trim markers.
    if (input.charCodeAt(afterDelim) === 47 && input.charCodeAt(afterDelim + 1) === 42) {
      const close = input.indexOf('*/', afterDelim + 2);
      if (close < 0) return fail('unclosed comment', next);
      let end = close + 2;
      // A space, then '-', then the right delimiter: a trimming close.
      const trimRight = isSpace(input.charCodeAt(end)) && input.charCodeAt(end + 1) === 45 && input.startsWith(rightDelim, end + 2);
      if (trimRight) end += 2;
      if (!input.startsWith(rightDelim, end)) return fail('comment ends before closing delimiter', next);
      tokens.push(COMMENT, afterDelim, close + 2, line, false);
      pos = end + rightDelim.length;
      if (trimRight) while (pos < length && isSpace(input.charCodeAt(pos))) pos++;
      line += newlinesBetween(input, next, pos);
      continue;
    }
    tokens.push(LEFT_DELIM, next, afterDelim, line, false);
    line += newlinesBetween(input, next, afterDelim);
    pos = afterDelim;
    spaced = false;
    // Inside an action.
    let parenDepth = 0;
    for (;;) {
      if (pos >= length) return fail('unclosed action', pos);
      const c = input.charCodeAt(pos);
      const start = pos;
      // Right delimiter, possibly preceded by a trim marker.
      const isSpaceHere = c === 32 || c === 9 || c === 13 || c === 10;
      if (isSpaceHere && input.charCodeAt(pos + 1) === 45 && input.startsWith(rightDelim, pos + 2)) {
        tokens.push(RIGHT_DELIM, pos, pos, line, spaced);
        pos += 2 + rightDelim.length;
        while (pos < length && isSpace(input.charCodeAt(pos))) pos++;
        line += newlinesBetween(input, start, pos);
        break;
      }
      if (c === rightDelimFirst && input.startsWith(rightDelim, pos)) {
        if (parenDepth > 0) return fail('unclosed left paren', pos);
        tokens.push(RIGHT_DELIM, pos, pos, line, spaced);
        pos += rightDelim.length;
        line += newlinesBetween(input, start, pos);
        break;
      }
      let kind: number;
      switch (c) {
        case 32: case 9: case 13: case 10:
          pos++;
          while (pos < length && isSpace(input.charCodeAt(pos)) && !(input.charCodeAt(pos + 1) === 45 && input.startsWith(rightDelim, pos + 2))) pos++;
          spaced = true;
          line += newlinesBetween(input, start, pos);
          continue;
        case 61: kind = ASSIGN; pos++; break; // =
        case 58: // :
          if (input.charCodeAt(pos + 1) !== 61) return fail('expected :=', pos);
          kind = DECLARE; pos += 2; break;
        case 124: kind = PIPE; pos++; break; // |
        case 44: kind = COMMA; pos++; break; // ,
        case 40: parenDepth++; kind = LEFT_PAREN; pos++; break;
        case 41:
          parenDepth--;
          if (parenDepth < 0) return fail('unexpected right paren', pos);
          kind = RIGHT_PAREN; pos++; break;
        case 34: case 39: { // " '
          const end = quotedEnd(input, pos, c);
          if (end < 0) return fail(c === 34 ? 'unterminated quoted string' : 'unterminated character constant', pos);
          kind = c === 34 ? STRING : CHAR; pos = end; break;
        }
        case 96: { // `
          const close = input.indexOf('`', pos + 1);
          if (close < 0) return fail('unterminated raw quoted string', pos);
          pos = close + 1;
          tokens.push(RAW_STRING, start, pos, line, spaced);
          spaced = false;
          line += newlinesBetween(input, start, pos);
          continue;
        }
        case 36: // $
          pos = wordEnd(input, pos + 1);
          kind = VARIABLE; break;
        case 46: // .
          if (isDigit(input.charCodeAt(pos + 1))) {
            pos = scanNumber(input, pos);
            kind = NUMBER;
            break;
          }
          pos = wordEnd(input, pos + 1);
          kind = pos === start + 1 ? DOT : FIELD; break;
        case 123: case 125: // { } : Go lexes these as characters; the parser then reports them as unexpected.
          kind = PUNCT; pos++; break;
        default:
          if (c === 43 || c === 45 || isDigit(c)) { // + - digit
            const end = scanNumber(input, pos);
            if (end === pos || (end === pos + 1 && !isDigit(c)) || isAlphaNumericAt(input, end)) return fail(`bad number syntax: "${input.slice(pos, end + 1)}"`, pos);
            kind = NUMBER; pos = end; break;
          }
          if (isAlphaNumericAt(input, pos)) {
            pos = wordEnd(input, pos + 1);
            kind = wordKind(input, start, pos);
            break;
          }
          {
            const cp = input.codePointAt(pos)!;
            return fail(`bad character U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${String.fromCodePoint(cp)}'`, pos);
          }
      }
      tokens.push(kind, start, pos, line, spaced);
      spaced = false;
    }
  }
  tokens.push(EOF, length, length, line, false);
  return tokens;
}

/** Where the quoted literal at pos ends (after its closing quote); -1 when a newline or the end comes first. */
function quotedEnd(input: string, pos: number, quote: number): number {
  const length = input.length;
  let i = pos + 1;
  while (i < length) {
    const c = input.charCodeAt(i);
    if (c === quote) return i + 1;
    if (c === 92) i++; // backslash: the next character is escaped, but a newline still ends the line
    if (i >= length || input.charCodeAt(i) === 10) return -1;
    i++;
  }
  return -1;
}

const decimalDigits = (c: number) => isDigit(c) || c === 95;
const hexDigits = (c: number) => decimalDigits(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
const octalDigits = (c: number) => (c >= 48 && c <= 55) || c === 95;
const binaryDigits = (c: number) => c === 48 || c === 49 || c === 95;

/** Go's lexNumber: sign, base prefix, digits with underscores, fraction, exponent, imaginary. */
function scanNumber(s: string, start: number): number {
  let i = start;
  let c = s.charCodeAt(i);
  if (c === 43 || c === 45) i++;
  let digits = decimalDigits;
  if (s.charCodeAt(i) === 48) {
    const p = s.charCodeAt(i + 1) | 32; // lower case
    if (p === 120 || p === 111 || p === 98) { // x o b
      digits = p === 120 ? hexDigits : p === 111 ? octalDigits : binaryDigits;
      i += 2;
    }
  }
  while (i < s.length && digits(s.charCodeAt(i))) i++;
  if (s.charCodeAt(i) === 46) { i++; while (i < s.length && digits(s.charCodeAt(i))) i++; }
  c = s.charCodeAt(i) | 32;
  if ((digits === decimalDigits && c === 101) || (digits === hexDigits && c === 112)) { // e, p
    i++;
    c = s.charCodeAt(i);
    if (c === 43 || c === 45) i++;
    while (i < s.length && decimalDigits(s.charCodeAt(i))) i++;
  }
  if (s.charCodeAt(i) === 105) i++; // i
  return i;
}
