// The lexer of Go's text/template: splits a template into text and the tokens of actions,
// honouring custom delimiters, `{{-`/`-}}` whitespace trimming and comments.

export type TokenKind =
  | 'text' | 'leftDelim' | 'rightDelim' | 'comment' | 'space' | 'identifier' | 'keyword' | 'field' | 'variable'
  | 'dot' | 'string' | 'rawString' | 'char' | 'number' | 'bool' | 'nil' | 'pipe' | 'leftParen' | 'rightParen'
  | 'declare' | 'assign' | 'comma' | 'punct' | 'eof' | 'error';

export interface Token {
  kind: TokenKind;
  value: string;
  pos: number; // index into the template text; columns in errors are derived from it
  line: number;
}

export const keywords = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'nil', 'template', 'with']);

const spaceChars = ' \t\r\n';

const letterOrDigit = /[\p{L}\p{Nd}]/u;

/** Go's isAlphaNumeric; ASCII answered without the Unicode regex, which dominated lexing. */
function isAlphaNumeric(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
  return letterOrDigit.test(c);
}

/** Tokenizes a whole template. Errors become a final 'error' token with Go's message. */
export function lex(input: string, leftDelim = '{{', rightDelim = '}}'): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  let line = 1;
  // indexOf, not a loop over characters: a template is lexed once, before a loop would be
  // compiled, and large texts (CRDs) made the interpreted loop most of the lexing time.
  const countLines = (from: number, to: number) => {
    for (let i = input.indexOf('\n', from); i >= 0 && i < to; i = input.indexOf('\n', i + 1)) line++;
  };
  const emit = (kind: TokenKind, start: number, end: number, value = input.slice(start, end)) => {
    tokens.push({ kind, value, pos: start, line });
    countLines(start, end);
  };
  const fail = (message: string, at: number) => {
    tokens.push({ kind: 'error', value: message, pos: at, line });
  };
  const trimMarkerAt = (i: number) => input[i] === '-' && spaceChars.includes(input[i + 1] ?? '');
  /** Where the quoted literal at pos ends (after its closing quote); -1 when a newline or the end comes first. */
  const quotedEnd = (quote: string): number => {
    let i = pos + 1;
    while (i < input.length && input[i] !== quote) {
      if (input[i] === '\\') i++;
      if (input[i] === '\n' || i >= input.length) return -1;
      i++;
    }
    return i >= input.length ? -1 : i + 1;
  };

  while (pos < input.length) {
    const next = input.indexOf(leftDelim, pos);
    const textEnd = next < 0 ? input.length : next;
    let textStop = textEnd;
    let afterDelim = next + leftDelim.length;
    const trimLeft = next >= 0 && trimMarkerAt(afterDelim);
    if (trimLeft) {
      while (textStop > pos && spaceChars.includes(input[textStop - 1])) textStop--;
      afterDelim += 2;
    }
    if (textStop > pos) emit('text', pos, textStop);
    countLines(textStop, textEnd);
    if (next < 0) break;
    // Comment: {{/* ... */}} possibly with trim markers.
    if (input.startsWith('/*', afterDelim)) {
      const close = input.indexOf('*/', afterDelim + 2);
      if (close < 0) {
        fail('unclosed comment', next);
        return tokens;
      }
      let end = close + 2;
      let trimRight = false;
      if (input.startsWith(` -${rightDelim}`, end) || /^[\t\r\n]-/.test(input.slice(end, end + 2)) && input.startsWith(rightDelim, end + 2)) {
        trimRight = true;
        end += 2;
      }
      if (!input.startsWith(rightDelim, end)) {
        fail('comment ends before closing delimiter', next);
        return tokens;
      }
      emit('comment', next, end + rightDelim.length, input.slice(afterDelim, close + 2));
      pos = end + rightDelim.length;
      if (trimRight) {
        const start = pos;
        while (pos < input.length && spaceChars.includes(input[pos])) pos++;
        countLines(start, pos);
      }
      continue;
    }
    emit('leftDelim', next, afterDelim, leftDelim);
    pos = afterDelim;
    // Inside an action.
    let parenDepth = 0;
    for (;;) {
      if (pos >= input.length) {
        fail('unclosed action', pos);
        return tokens;
      }
      const c = input[pos];
      // Right delimiter, possibly preceded by a trim marker.
      if (spaceChars.includes(c) && input[pos + 1] === '-' && input.startsWith(rightDelim, pos + 2)) {
        emit('rightDelim', pos, pos + 2 + rightDelim.length, rightDelim);
        pos += 2 + rightDelim.length;
        const start = pos;
        while (pos < input.length && spaceChars.includes(input[pos])) pos++;
        countLines(start, pos);
        break;
      }
      if (input.startsWith(rightDelim, pos)) {
        if (parenDepth > 0) {
          fail('unclosed left paren', pos);
          return tokens;
        }
        emit('rightDelim', pos, pos + rightDelim.length, rightDelim);
        pos += rightDelim.length;
        break;
      }
      if (spaceChars.includes(c)) {
        const start = pos;
        while (pos < input.length && spaceChars.includes(input[pos]) && !(input[pos + 1] === '-' && input.startsWith(rightDelim, pos + 2))) pos++;
        if (pos === start) pos++;
        emit('space', start, pos);
        continue;
      }
      if (c === '=') { emit('assign', pos, pos + 1); pos++; continue; }
      if (c === ':') {
        if (input[pos + 1] !== '=') { fail('expected :=', pos); return tokens; }
        emit('declare', pos, pos + 2); pos += 2; continue;
      }
      if (c === '|') { emit('pipe', pos, pos + 1); pos++; continue; }
      if (c === ',') { emit('comma', pos, pos + 1); pos++; continue; }
      if (c === '(') { parenDepth++; emit('leftParen', pos, pos + 1); pos++; continue; }
      if (c === ')') {
        parenDepth--;
        if (parenDepth < 0) { fail('unexpected right paren', pos); return tokens; }
        emit('rightParen', pos, pos + 1); pos++; continue;
      }
      if (c === '"') {
        const end = quotedEnd('"');
        if (end < 0) { fail('unterminated quoted string', pos); return tokens; }
        emit('string', pos, end); pos = end; continue;
      }
      if (c === '`') {
        const close = input.indexOf('`', pos + 1);
        if (close < 0) { fail('unterminated raw quoted string', pos); return tokens; }
        emit('rawString', pos, close + 1); pos = close + 1; continue;
      }
      if (c === "'") {
        const end = quotedEnd("'");
        if (end < 0) { fail('unterminated character constant', pos); return tokens; }
        emit('char', pos, end); pos = end; continue;
      }
      if (c === '$') {
        let i = pos + 1;
        while (i < input.length && isAlphaNumeric(input[i])) i++;
        emit('variable', pos, i); pos = i; continue;
      }
      if (c === '.') {
        if (/[0-9]/.test(input[pos + 1] ?? '')) {
          const end = scanNumber(input, pos);
          emit('number', pos, end); pos = end; continue;
        }
        let i = pos + 1;
        while (i < input.length && isAlphaNumeric(input[i])) i++;
        emit(i === pos + 1 ? 'dot' : 'field', pos, i); pos = i; continue;
      }
      if (c === '+' || c === '-' || /[0-9]/.test(c)) {
        const end = scanNumber(input, pos);
        if (end === pos || (end === pos + 1 && (c === '+' || c === '-'))) { fail(`bad number syntax: "${input.slice(pos, end + 1)}"`, pos); return tokens; }
        if (isAlphaNumeric(input[end] ?? '')) { fail(`bad number syntax: "${input.slice(pos, end + 1)}"`, pos); return tokens; }
        emit('number', pos, end); pos = end; continue;
      }
      if (isAlphaNumeric(c)) {
        let i = pos;
        while (i < input.length && isAlphaNumeric(input[i])) i++;
        const word = input.slice(pos, i);
        if (word === 'true' || word === 'false') emit('bool', pos, i);
        else if (word === 'nil') emit('nil', pos, i);
        else if (keywords.has(word)) emit('keyword', pos, i);
        else emit('identifier', pos, i);
        pos = i;
        continue;
      }
      if (c === '{' || c === '}') {
        // Go lexes these as characters; the parser then reports them as unexpected.
        emit('punct', pos, pos + 1);
        pos++;
        continue;
      }
      const cp = input.codePointAt(pos)!;
      fail(`bad character U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${String.fromCodePoint(cp)}'`, pos);
      return tokens;
    }
  }
  tokens.push({ kind: 'eof', value: '', pos: input.length, line });
  return tokens;
}

/** Go's lexNumber: sign, base prefix, digits with underscores, fraction, exponent, imaginary. */
function scanNumber(s: string, start: number): number {
  let i = start;
  if (s[i] === '+' || s[i] === '-') i++;
  let digits = '0123456789_';
  if (s[i] === '0' && /[xXoObB]/.test(s[i + 1] ?? '')) {
    const p = s[i + 1].toLowerCase();
    digits = p === 'x' ? '0123456789abcdefABCDEF_' : p === 'o' ? '01234567_' : '01_';
    i += 2;
  }
  while (i < s.length && digits.includes(s[i])) i++;
  if (s[i] === '.') { i++; while (i < s.length && digits.includes(s[i])) i++; }
  if (digits.length === 11 && /[eE]/.test(s[i] ?? '') || digits.length > 11 && /[pP]/.test(s[i] ?? '')) {
    i++;
    if (s[i] === '+' || s[i] === '-') i++;
    while (i < s.length && /[0-9_]/.test(s[i])) i++;
  }
  if (s[i] === 'i') i++;
  return i;
}
