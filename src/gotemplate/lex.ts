// The lexer of Go's text/template: splits a template into text and the tokens of actions,
// honouring custom delimiters, `{{-`/`-}}` whitespace trimming and comments.
// It scans character codes (no one-character strings, no regular expressions) and counts
// lines only across tokens that can hold a newline: it runs over every template of a chart
// on each render, mostly before V8 has optimized it.

export type TokenKind =
  | 'text' | 'leftDelim' | 'rightDelim' | 'comment' | 'identifier' | 'keyword' | 'field' | 'variable'
  | 'dot' | 'string' | 'rawString' | 'char' | 'number' | 'bool' | 'nil' | 'pipe' | 'leftParen' | 'rightParen'
  | 'declare' | 'assign' | 'comma' | 'punct' | 'eof' | 'error';

export interface Token {
  kind: TokenKind;
  value: string;
  pos: number; // index into the template text; columns in errors are derived from it
  line: number;
  /** Space separates it from the token before it inside an action (spaces are no tokens of their own). */
  spaced: boolean;
}

export const keywords = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'nil', 'template', 'with']);

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

/** Tokenizes a whole template. Errors become a final 'error' token with Go's message. */
export function lex(input: string, leftDelimiter = '{{', rightDelimiter = '}}'): Token[] {
  // Go's Delims: an empty delimiter means the default one.
  const leftDelim = leftDelimiter || '{{';
  const rightDelim = rightDelimiter || '}}';
  const tokens: Token[] = [];
  const length = input.length;
  let pos = 0;
  let line = 1;
  /** A space, then '-', then the right delimiter: a trimming close of an action. */
  const rightDelimFirst = rightDelim.charCodeAt(0);
  const trimCloseAt = (i: number) => isSpace(input.charCodeAt(i)) && input.charCodeAt(i + 1) === 45 && input.startsWith(rightDelim, i + 2);
  /** Whether space came since the last token of the current action. */
  let spaced = false;
  const push = (kind: TokenKind, value: string, at: number) => {
    tokens.push({ kind, value, pos: at, line, spaced });
    spaced = false;
  };
  const fail = (message: string, at: number) => {
    push('error', message, at);
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
    if (textStop > pos) {
      push('text', input.slice(pos, textStop), pos);
    }
    line += newlinesBetween(input, pos, textEnd);
    if (next < 0) break;
    // Comment: {{/* ... */}} possibly with trim markers.
    if (input.charCodeAt(afterDelim) === 47 && input.charCodeAt(afterDelim + 1) === 42) {
      const close = input.indexOf('*/', afterDelim + 2);
      if (close < 0) return fail('unclosed comment', next);
      let end = close + 2;
      const trimRight = trimCloseAt(end);
      if (trimRight) end += 2;
      if (!input.startsWith(rightDelim, end)) return fail('comment ends before closing delimiter', next);
      push('comment', input.slice(afterDelim, close + 2), next);
      pos = end + rightDelim.length;
      if (trimRight) while (pos < length && isSpace(input.charCodeAt(pos))) pos++;
      line += newlinesBetween(input, next, pos);
      continue;
    }
    push('leftDelim', leftDelim, next);
    line += newlinesBetween(input, next, afterDelim);
    pos = afterDelim;
    // Inside an action.
    let parenDepth = 0;
    for (;;) {
      if (pos >= length) return fail('unclosed action', pos);
      const c = input.charCodeAt(pos);
      const start = pos;
      // Right delimiter, possibly preceded by a trim marker.
      const isSpaceHere = c === 32 || c === 9 || c === 13 || c === 10;
      if (isSpaceHere && input.charCodeAt(pos + 1) === 45 && input.startsWith(rightDelim, pos + 2)) {
        push('rightDelim', rightDelim, pos);
        pos += 2 + rightDelim.length;
        while (pos < length && isSpace(input.charCodeAt(pos))) pos++;
        line += newlinesBetween(input, start, pos);
        break;
      }
      if (c === rightDelimFirst && input.startsWith(rightDelim, pos)) {
        if (parenDepth > 0) return fail('unclosed left paren', pos);
        push('rightDelim', rightDelim, pos);
        pos += rightDelim.length;
        line += newlinesBetween(input, start, pos);
        break;
      }
      let kind: TokenKind;
      switch (c) {
        case 32: case 9: case 13: case 10:
          pos++;
          while (pos < length && isSpace(input.charCodeAt(pos)) && !(input.charCodeAt(pos + 1) === 45 && input.startsWith(rightDelim, pos + 2))) pos++;
          spaced = true;
          line += newlinesBetween(input, start, pos);
          continue;
        case 61: kind = 'assign'; pos++; break; // =
        case 58: // :
          if (input.charCodeAt(pos + 1) !== 61) return fail('expected :=', pos);
          kind = 'declare'; pos += 2; break;
        case 124: kind = 'pipe'; pos++; break; // |
        case 44: kind = 'comma'; pos++; break; // ,
        case 40: parenDepth++; kind = 'leftParen'; pos++; break;
        case 41:
          parenDepth--;
          if (parenDepth < 0) return fail('unexpected right paren', pos);
          kind = 'rightParen'; pos++; break;
        case 34: case 39: { // " '
          const end = quotedEnd(input, pos, c);
          if (end < 0) return fail(c === 34 ? 'unterminated quoted string' : 'unterminated character constant', pos);
          kind = c === 34 ? 'string' : 'char'; pos = end; break;
        }
        case 96: { // `
          const close = input.indexOf('`', pos + 1);
          if (close < 0) return fail('unterminated raw quoted string', pos);
          pos = close + 1;
          push('rawString', input.slice(start, pos), start);
          line += newlinesBetween(input, start, pos);
          continue;
        }
        case 36: // $
          pos = wordEnd(input, pos + 1);
          kind = 'variable'; break;
        case 46: // .
          if (isDigit(input.charCodeAt(pos + 1))) {
            pos = scanNumber(input, pos);
            kind = 'number';
            break;
          }
          pos = wordEnd(input, pos + 1);
          kind = pos === start + 1 ? 'dot' : 'field'; break;
        case 123: case 125: // { } : Go lexes these as characters; the parser then reports them as unexpected.
          kind = 'punct'; pos++; break;
        default:
          if (c === 43 || c === 45 || isDigit(c)) { // + - digit
            const end = scanNumber(input, pos);
            if (end === pos || (end === pos + 1 && !isDigit(c)) || isAlphaNumericAt(input, end)) return fail(`bad number syntax: "${input.slice(pos, end + 1)}"`, pos);
            kind = 'number'; pos = end; break;
          }
          if (isAlphaNumericAt(input, pos)) {
            pos = wordEnd(input, pos + 1);
            const word = input.slice(start, pos);
            kind = word === 'true' || word === 'false' ? 'bool' : word === 'nil' ? 'nil' : keywords.has(word) ? 'keyword' : 'identifier';
            push(kind, word, start);
            continue;
          }
          {
            const cp = input.codePointAt(pos)!;
            return fail(`bad character U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${String.fromCodePoint(cp)}'`, pos);
          }
      }
      push(kind, input.slice(start, pos), start);
    }
  }
  push('eof', '', length);
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
