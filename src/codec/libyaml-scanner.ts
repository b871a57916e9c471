// libyaml's scanner as go-yaml v2 runs it (and v3, which looks two tokens further ahead and
// reads comments its own way, consuming blanks and tabs v2 stops at), kept only as far as it decides whether the
// text is YAML: tokens, simple keys, the indentation stack and flow levels, and every point
// where it stops with a scanner error. Scalar values are not built; tags and anchors keep the
// text the parser needs (tag handles, anchor names). Used after a parse failed, to find the
// first error go-yaml reports and where.

/** A position as go-yaml counts it (index in characters), plus its offset in the JS string. */
export interface Mark { index: number; line: number; column: number; offset: number }

export type TokenType =
  | 'STREAM_START' | 'STREAM_END' | 'VERSION_DIRECTIVE' | 'TAG_DIRECTIVE' | 'DOCUMENT_START' | 'DOCUMENT_END'
  | 'BLOCK_SEQUENCE_START' | 'BLOCK_MAPPING_START' | 'BLOCK_END' | 'FLOW_SEQUENCE_START' | 'FLOW_SEQUENCE_END'
  | 'FLOW_MAPPING_START' | 'FLOW_MAPPING_END' | 'BLOCK_ENTRY' | 'FLOW_ENTRY' | 'KEY' | 'VALUE' | 'ALIAS' | 'ANCHOR'
  | 'TAG' | 'SCALAR';

export interface Token {
  type: TokenType;
  start: Mark;
  end: Mark;
  /** Anchor or alias name; tag or %TAG handle. */
  value?: string;
  /** Tag suffix. */
  suffix?: string;
  /** %TAG prefix. */
  prefix?: string;
  major?: number;
  minor?: number;
}

/** A syntax error as libyaml records it: which stage, the problem, and its two marks. */
export class LibyamlError extends Error {
  readonly stage: 'scanner' | 'parser' | 'decoder';
  readonly problem: string;
  readonly problemMark: Mark;
  readonly contextMark: Mark;

  constructor(stage: 'scanner' | 'parser' | 'decoder', problem: string, problemMark: Mark, contextMark: Mark) {
    super(problem);
    this.stage = stage;
    this.problem = problem;
    this.problemMark = problemMark;
    this.contextMark = contextMark;
  }
}

interface SimpleKey { possible: boolean; required: boolean; tokenNumber: number; mark: Mark }

const isBreakChar = (ch: string) => ch === '\n' || ch === '\r' || ch === '\u0085' || ch === '\u2028' || ch === '\u2029';
const isBlankChar = (ch: string) => ch === ' ' || ch === '\t';
const isDigitChar = (ch: string) => ch >= '0' && ch <= '9';
const isAlphaChar = (ch: string) => isDigitChar(ch) || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || ch === '_' || ch === '-';
const isHexChar = (ch: string) => isDigitChar(ch) || (ch >= 'A' && ch <= 'F') || (ch >= 'a' && ch <= 'f');
/** Characters a tag URI may hold besides alphanumerics and '%' escapes. */
const URI_CHARS = new Set(";/?:@&=+$,.!~*'()[]%");
/** Characters that, first on a token, cannot start a plain scalar. */
const INDICATORS = new Set("-?:,[]{}#&*!|>'\"%@`");

export class Scanner {
  private readonly text: string;
  /** Where the scanner is, in UTF-16 units. */
  private pos = 0;
  /** The same in characters, as go-yaml's marks count. */
  private index = 0;
  private line = 0;
  private column = 0;
  private tokens: Token[] = [];
  private head = 0;
  /** Tokens handed to the parser so far (libyaml's tokens_parsed). */
  private parsed = 0;
  private tokenAvailable = false;
  private streamStartProduced = false;
  private indent = -1;
  private indents: number[] = [];
  private simpleKeys: SimpleKey[] = [];
  private keysByToken = new Map<number, number>();
  private simpleKeyAllowed = false;
  private flowLevel = 0;

  private readonly v3: boolean;
  /** Tokens queued past the head before the parser gets one: v3 keeps two for its comments. */
  private readonly lookahead: number;
  /** v3: line breaks since the last character that is not a blank. */
  private newlines = 0;

  constructor(text: string, version: 2 | 3) {
    // go-yaml reads an empty input as a single line break.
    this.text = text === '' ? '\n' : text;
    this.v3 = version === 3;
    this.lookahead = this.v3 ? 2 : 0;
  }

  /** The head token, scanning on as far as simple keys need; throws LibyamlError. */
  peek(): Token {
    if (!this.tokenAvailable) this.fetchMoreTokens();
    return this.tokens[this.head];
  }

  skipToken(): void {
    this.tokenAvailable = false;
    this.parsed++;
    this.head++;
  }

  /** The unit k ahead: what the scanner compares against is all ASCII or BMP, so units will do. */
  private at(k = 0): string { return this.text[this.pos + k] ?? '\0'; }
  private isZ(k = 0): boolean { return this.pos + k >= this.text.length; }
  private isBreak(k = 0): boolean { return isBreakChar(this.at(k)); }
  private isBlank(k = 0): boolean { return isBlankChar(this.at(k)); }
  private isBreakZ(k = 0): boolean { return this.isBreak(k) || this.isZ(k); }
  private isBlankZ(k = 0): boolean { return this.isBlank(k) || this.isBreakZ(k); }
  private mark(): Mark { return { index: this.index, line: this.line, column: this.column, offset: this.pos }; }

  private skip(): void {
    if (!this.isBlank()) this.newlines = 0;
    const unit = this.text.charCodeAt(this.pos);
    this.pos += unit >= 0xD800 && unit <= 0xDBFF && this.pos + 1 < this.text.length ? 2 : 1;
    this.index++;
    this.column++;
  }

  /** Steps over one line break (CR LF counts as one). */
  private skipLine(): void {
    if (this.at() === '\r' && this.at(1) === '\n') {
      this.pos += 2;
      this.index += 2;
    } else if (this.isBreak()) {
      this.pos++;
      this.index++;
    } else return;
    this.column = 0;
    this.line++;
    this.newlines++;
  }

  private fail(context: Mark, problem: string): never {
    throw new LibyamlError('scanner', problem, this.mark(), context);
  }

  private insertToken(at: number, token: Token): void {
    if (at < 0) this.tokens.push(token);
    else this.tokens.splice(this.head + at, 0, token);
  }

  private simpleToken(type: TokenType, start: Mark, end: Mark): void {
    this.insertToken(-1, { type, start, end });
  }

  private fetchMoreTokens(): void {
    for (;;) {
      if (this.head < this.tokens.length - this.lookahead) {
        const index = this.keysByToken.get(this.parsed);
        if (index === undefined || !this.simpleKeyIsValid(this.simpleKeys[index])) break;
      }
      this.fetchNextToken();
    }
    this.tokenAvailable = true;
  }

  private fetchNextToken(): void {
    if (!this.streamStartProduced) return this.fetchStreamStart();
    this.scanToNextToken();
    this.unrollIndent(this.column);
    if (this.isZ()) return this.fetchStreamEnd();
    const ch = this.at();
    if (this.column === 0 && ch === '%') return this.fetchDirective();
    if (this.column === 0 && this.documentIndicatorAhead('-')) return this.fetchDocumentIndicator('DOCUMENT_START');
    if (this.column === 0 && this.documentIndicatorAhead('.')) return this.fetchDocumentIndicator('DOCUMENT_END');
    this.fetchContentToken(ch);
    if (this.v3 && this.tokens[this.tokens.length - 1].type !== 'BLOCK_ENTRY') this.scanLineComment();
  }

  private fetchContentToken(ch: string): void {
    if (ch === '[') return this.fetchFlowCollectionStart('FLOW_SEQUENCE_START');
    if (ch === '{') return this.fetchFlowCollectionStart('FLOW_MAPPING_START');
    if (ch === ']') return this.fetchFlowCollectionEnd('FLOW_SEQUENCE_END');
    if (ch === '}') return this.fetchFlowCollectionEnd('FLOW_MAPPING_END');
    if (ch === ',') return this.fetchFlowEntry();
    if (ch === '-' && this.isBlankZ(1)) return this.fetchBlockEntry();
    if (ch === '?' && (this.flowLevel > 0 || this.isBlankZ(1))) return this.fetchKey();
    if (ch === ':' && (this.flowLevel > 0 || this.isBlankZ(1))) return this.fetchValue();
    if (ch === '*') return this.fetchAnchor('ALIAS');
    if (ch === '&') return this.fetchAnchor('ANCHOR');
    if (ch === '!') return this.fetchTag();
    if ((ch === '|' || ch === '>') && this.flowLevel === 0) return this.fetchBlockScalar();
    if (ch === "'") return this.fetchFlowScalar(true);
    if (ch === '"') return this.fetchFlowScalar(false);
    if (!(this.isBlankZ() || INDICATORS.has(ch))
      || (ch === '-' && !this.isBlank(1))
      || (this.flowLevel === 0 && (ch === '?' || ch === ':') && !this.isBlankZ(1))) {
      return this.fetchPlainScalar();
    }
    this.fail(this.mark(), 'found character that cannot start any token');
  }

  private documentIndicatorAhead(ch: string): boolean {
    return this.at() === ch && this.at(1) === ch && this.at(2) === ch && this.isBlankZ(3);
  }

  private simpleKeyIsValid(key: SimpleKey): boolean {
    if (!key.possible) return false;
    if (key.mark.line < this.line || key.mark.index + 1024 < this.index) {
      if (key.required) this.fail(key.mark, "could not find expected ':'");
      key.possible = false;
      return false;
    }
    return true;
  }

  private saveSimpleKey(): void {
    const required = this.flowLevel === 0 && this.indent === this.column;
    if (!this.simpleKeyAllowed) return;
    const key: SimpleKey = { possible: true, required, tokenNumber: this.parsed + (this.tokens.length - this.head), mark: this.mark() };
    this.removeSimpleKey();
    this.simpleKeys[this.simpleKeys.length - 1] = key;
    this.keysByToken.set(key.tokenNumber, this.simpleKeys.length - 1);
  }

  private removeSimpleKey(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1];
    if (!key.possible) return;
    if (key.required) this.fail(key.mark, "could not find expected ':'");
    key.possible = false;
    this.keysByToken.delete(key.tokenNumber);
  }

  private increaseFlowLevel(): void {
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: this.parsed + (this.tokens.length - this.head), mark: this.mark() });
    this.flowLevel++;
    if (this.flowLevel > 10000) this.fail(this.simpleKeys[this.simpleKeys.length - 1].mark, 'exceeded max depth of 10000');
  }

  private decreaseFlowLevel(): void {
    if (this.flowLevel === 0) return;
    this.flowLevel--;
    const last = this.simpleKeys.pop()!;
    this.keysByToken.delete(last.tokenNumber);
  }

  private rollIndent(column: number, tokenNumber: number, type: TokenType, mark: Mark): void {
    if (this.flowLevel > 0 || this.indent >= column) return;
    this.indents.push(this.indent);
    this.indent = column;
    if (this.indents.length > 10000) this.fail(this.simpleKeys[this.simpleKeys.length - 1].mark, 'exceeded max depth of 10000');
    this.insertToken(tokenNumber > -1 ? tokenNumber - this.parsed : -1, { type, start: mark, end: mark });
  }

  private unrollIndent(column: number): void {
    if (this.flowLevel > 0) return;
    while (this.indent > column) {
      this.simpleToken('BLOCK_END', this.mark(), this.mark());
      this.indent = this.indents.pop()!;
    }
  }

  private fetchStreamStart(): void {
    this.indent = -1;
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: 0, mark: this.mark() });
    this.simpleKeyAllowed = true;
    this.streamStartProduced = true;
    this.simpleToken('STREAM_START', this.mark(), this.mark());
  }

  private fetchStreamEnd(): void {
    // libyaml ends the last line, so an error at the end is on the line after it.
    if (this.column !== 0) {
      this.column = 0;
      this.line++;
    }
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.simpleToken('STREAM_END', this.mark(), this.mark());
  }

  private fetchDirective(): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanDirective());
  }

  private fetchDocumentIndicator(type: TokenType): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const start = this.mark();
    this.skip();
    this.skip();
    this.skip();
    this.simpleToken(type, start, this.mark());
  }

  private fetchFlowCollectionStart(type: TokenType): void {
    this.saveSimpleKey();
    this.increaseFlowLevel();
    this.simpleKeyAllowed = true;
    this.oneCharToken(type);
  }

  private fetchFlowCollectionEnd(type: TokenType): void {
    this.removeSimpleKey();
    this.decreaseFlowLevel();
    this.simpleKeyAllowed = false;
    this.oneCharToken(type);
  }

  private fetchFlowEntry(): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.oneCharToken('FLOW_ENTRY');
  }

  private oneCharToken(type: TokenType): void {
    const start = this.mark();
    this.skip();
    this.simpleToken(type, start, this.mark());
  }

  private fetchBlockEntry(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.fail(this.mark(), 'block sequence entries are not allowed in this context');
      this.rollIndent(this.column, -1, 'BLOCK_SEQUENCE_START', this.mark());
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.oneCharToken('BLOCK_ENTRY');
  }

  private fetchKey(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.fail(this.mark(), 'mapping keys are not allowed in this context');
      this.rollIndent(this.column, -1, 'BLOCK_MAPPING_START', this.mark());
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = this.flowLevel === 0;
    this.oneCharToken('KEY');
  }

  private fetchValue(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1];
    if (this.simpleKeyIsValid(key)) {
      // The key's tokens are already queued: a KEY token (and maybe a mapping start) goes before them.
      this.insertToken(key.tokenNumber - this.parsed, { type: 'KEY', start: key.mark, end: key.mark });
      this.rollIndent(key.mark.column, key.tokenNumber, 'BLOCK_MAPPING_START', key.mark);
      key.possible = false;
      this.keysByToken.delete(key.tokenNumber);
      this.simpleKeyAllowed = false;
    } else {
      if (this.flowLevel === 0) {
        if (!this.simpleKeyAllowed) this.fail(this.mark(), 'mapping values are not allowed in this context');
        this.rollIndent(this.column, -1, 'BLOCK_MAPPING_START', this.mark());
      }
      this.simpleKeyAllowed = this.flowLevel === 0;
    }
    this.oneCharToken('VALUE');
  }

  private fetchAnchor(type: 'ALIAS' | 'ANCHOR'): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    const start = this.mark();
    this.skip();
    const name = this.scanAlphanumerics();
    const end = this.mark();
    if (name === '' || !(this.isBlankZ() || '?:,]}%@`'.includes(this.at()))) {
      this.fail(start, 'did not find expected alphabetic or numeric character');
    }
    this.insertToken(-1, { type, start, end, value: name });
  }

  private fetchTag(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanTag());
  }

  private fetchBlockScalar(): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.insertToken(-1, this.scanBlockScalar());
  }

  private fetchFlowScalar(single: boolean): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanFlowScalar(single));
  }

  private fetchPlainScalar(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanPlainScalar());
  }

  private scanToNextToken(): void {
    for (;;) {
      // Tabs separate tokens only where no simple key may start (in flow, or after a key's ':').
      while (this.at() === ' ' || ((this.flowLevel > 0 || !this.simpleKeyAllowed) && this.at() === '\t')) this.skip();
      if (this.at() === '#') {
        if (this.v3) this.scanComments();
        else while (!this.isBreakZ()) this.skip();
      }
      if (!this.isBreak()) return;
      this.skipLine();
      if (this.flowLevel === 0) this.simpleKeyAllowed = true;
    }
  }

  /** v3: a comment after a token on its line, blanks (tabs too) before it, is read with the token. */
  private scanLineComment(): void {
    if (this.newlines > 0) return;
    let peek = 0;
    while (peek < 512 && this.isBlank(peek)) peek++;
    if (peek < 512 && this.at(peek) === '#') this.consumeThrough(peek);
  }

  /**
   * v3: from a '#', that comment and those on the lines after it (blank lines and blanks, tabs
   * too, between them) are read as one, up to what is neither (each stretch at most 512 long).
   */
  private scanComments(): void {
    for (let peek = 0; peek < 512; peek++) {
      if (this.isBlank(peek)) continue;
      const ch = this.at(peek);
      if (this.flowLevel > 0 && (ch === ']' || ch === '}')) break;
      if (this.isBreakZ(peek)) {
        if (!this.isBreak(peek)) break;
        continue;
      }
      if (ch !== '#') break;
      this.consumeThrough(peek);
      // v3 resumes looking one past the comment's end, at what follows its line break.
      peek = 0;
    }
  }

  /** Steps to the '#' `peek` units ahead (over blanks and line breaks) and over its comment. */
  private consumeThrough(peek: number): void {
    const target = this.pos + peek;
    while (this.pos < target) {
      if (this.isBreak()) this.skipLine();
      else this.skip();
    }
    while (!this.isBreakZ()) this.skip();
  }

  /** The run of letters, digits, '_' and '-' here: an anchor's, a directive's or a handle's name. */
  private scanAlphanumerics(): string {
    let name = '';
    while (isAlphaChar(this.at())) {
      name += this.at();
      this.skip();
    }
    return name;
  }

  private skipBlanksAndComment(): void {
    while (this.isBlank()) this.skip();
    if (this.at() === '#') while (!this.isBreakZ()) this.skip();
  }

  private scanDirective(): Token {
    const start = this.mark();
    this.skip();
    const name = this.scanAlphanumerics();
    if (name === '') this.fail(start, 'could not find expected directive name');
    if (!this.isBlankZ()) this.fail(start, 'found unexpected non-alphabetical character');
    let token: Token;
    if (name === 'YAML') {
      while (this.isBlank()) this.skip();
      const major = this.scanVersionNumber(start);
      if (this.at() !== '.') this.fail(start, "did not find expected digit or '.' character");
      this.skip();
      const minor = this.scanVersionNumber(start);
      token = { type: 'VERSION_DIRECTIVE', start, end: this.mark(), major, minor };
    } else if (name === 'TAG') {
      while (this.isBlank()) this.skip();
      const handle = this.scanTagHandle(true, start);
      if (!this.isBlank()) this.fail(start, 'did not find expected whitespace');
      while (this.isBlank()) this.skip();
      const prefix = this.scanTagUri(true, '', start);
      if (!this.isBlankZ()) this.fail(start, 'did not find expected whitespace or line break');
      token = { type: 'TAG_DIRECTIVE', start, end: this.mark(), value: handle, prefix };
    } else {
      this.fail(start, 'found unknown directive name');
    }
    this.skipBlanksAndComment();
    if (!this.isBreakZ()) this.fail(start, 'did not find expected comment or line break');
    this.skipLine();
    return token;
  }

  private scanVersionNumber(start: Mark): number {
    let value = 0;
    let length = 0;
    while (isDigitChar(this.at())) {
      if (++length > 2) this.fail(start, 'found extremely long version number');
      value = value * 10 + Number(this.at());
      this.skip();
    }
    if (length === 0) this.fail(start, 'did not find expected version number');
    return value;
  }

  private scanTag(): Token {
    const start = this.mark();
    let handle = '';
    let suffix: string;
    if (this.at(1) === '<') {
      this.skip();
      this.skip();
      suffix = this.scanTagUri(false, '', start);
      if (this.at() !== '>') this.fail(start, "did not find the expected '>'");
      this.skip();
    } else {
      handle = this.scanTagHandle(false, start);
      if (handle.length > 1 && handle.endsWith('!')) {
        suffix = this.scanTagUri(false, '', start);
      } else {
        // "!" alone or "!foo": the handle is "!" and what followed it is the suffix.
        suffix = this.scanTagUri(false, handle, start);
        handle = '!';
        if (suffix === '') [handle, suffix] = [suffix, handle];
      }
    }
    if (!this.isBlankZ()) this.fail(start, 'did not find expected whitespace or line break');
    return { type: 'TAG', start, end: this.mark(), value: handle, suffix };
  }

  private scanTagHandle(directive: boolean, start: Mark): string {
    if (this.at() !== '!') this.fail(start, "did not find expected '!'");
    this.skip();
    let handle = `!${this.scanAlphanumerics()}`;
    if (this.at() === '!') {
      handle += '!';
      this.skip();
    } else if (directive && handle !== '!') {
      this.fail(start, "did not find expected '!'");
    }
    return handle;
  }

  /** A tag's URI; `head` is a handle already read that belongs to it ("!foo" in "!foo/bar"). */
  private scanTagUri(directive: boolean, head: string, start: Mark): string {
    let uri = head.length > 1 ? head.slice(1) : '';
    let hasTag = head.length > 0;
    while (isAlphaChar(this.at()) || URI_CHARS.has(this.at())) {
      if (this.at() === '%') uri += this.scanUriEscapes(directive, start);
      else {
        uri += this.at();
        this.skip();
      }
      hasTag = true;
    }
    if (!hasTag) this.fail(start, 'did not find expected tag URI');
    return uri;
  }

  /** One UTF-8 character written as %XX escapes. */
  private scanUriEscapes(_directive: boolean, start: Mark): string {
    const octets: number[] = [];
    for (let width = 1024; width > 0; width--) {
      if (!(this.at() === '%' && isHexChar(this.at(1)) && isHexChar(this.at(2)))) this.fail(start, 'did not find URI escaped octet');
      const octet = parseInt(this.at(1) + this.at(2), 16);
      if (width === 1024) {
        width = (octet & 0x80) === 0 ? 1 : (octet & 0xE0) === 0xC0 ? 2 : (octet & 0xF0) === 0xE0 ? 3 : (octet & 0xF8) === 0xF0 ? 4 : 0;
        if (width === 0) this.fail(start, 'found an incorrect leading UTF-8 octet');
      } else if ((octet & 0xC0) !== 0x80) {
        this.fail(start, 'found an incorrect trailing UTF-8 octet');
      }
      octets.push(octet);
      this.skip();
      this.skip();
      this.skip();
    }
    return Buffer.from(octets).toString('utf8');
  }

  private scanBlockScalar(): Token {
    const start = this.mark();
    this.skip();
    let increment = 0;
    const chomping = () => {
      if (this.at() === '+' || this.at() === '-') {
        this.skip();
        return true;
      }
      return false;
    };
    const indentation = () => {
      if (!isDigitChar(this.at())) return false;
      if (this.at() === '0') this.fail(start, 'found an indentation indicator equal to 0');
      increment = Number(this.at());
      this.skip();
      return true;
    };
    if (chomping()) indentation();
    else if (indentation()) chomping();
    this.skipBlanksAndComment();
    if (!this.isBreakZ()) this.fail(start, 'did not find expected comment or line break');
    this.skipLine();
    let end = this.mark();
    let indent = increment > 0 ? (this.indent >= 0 ? this.indent + increment : increment) : 0;
    const breaks = () => {
      end = this.mark();
      let maxIndent = 0;
      for (;;) {
        while ((indent === 0 || this.column < indent) && this.at() === ' ') this.skip();
        if (this.column > maxIndent) maxIndent = this.column;
        if ((indent === 0 || this.column < indent) && this.at() === '\t') {
          this.fail(start, 'found a tab character where an indentation space is expected');
        }
        if (!this.isBreak()) break;
        this.skipLine();
        end = this.mark();
      }
      if (indent === 0) indent = Math.max(maxIndent, this.indent + 1, 1);
    };
    breaks();
    while (this.column === indent && !this.isZ()) {
      while (!this.isBreakZ()) this.skip();
      this.skipLine();
      breaks();
    }
    return { type: 'SCALAR', start, end };
  }

  private scanFlowScalar(single: boolean): Token {
    const start = this.mark();
    this.skip();
    for (;;) {
      if (this.column === 0 && (this.documentIndicatorAhead('-') || this.documentIndicatorAhead('.'))) {
        this.fail(start, 'found unexpected document indicator');
      }
      if (this.isZ()) this.fail(start, 'found unexpected end of stream');
      while (!this.isBlankZ()) {
        const ch = this.at();
        if (single && ch === "'" && this.at(1) === "'") {
          this.skip();
          this.skip();
        } else if (single ? ch === "'" : ch === '"') {
          break;
        } else if (!single && ch === '\\' && this.isBreak(1)) {
          // An escaped line break: the blanks after it are skipped below.
          this.skip();
          this.skipLine();
          break;
        } else if (!single && ch === '\\') {
          this.scanEscape(start);
        } else {
          this.skip();
        }
      }
      if (this.at() === (single ? "'" : '"')) break;
      while (this.isBlank() || this.isBreak()) {
        if (this.isBlank()) this.skip();
        else this.skipLine();
      }
    }
    this.skip();
    return { type: 'SCALAR', start, end: this.mark() };
  }

  private scanEscape(start: Mark): void {
    const kind = this.at(1);
    const codeLength = kind === 'x' ? 2 : kind === 'u' ? 4 : kind === 'U' ? 8 : 0;
    if (codeLength === 0 && !'0abt\tnvfre "\'\\N_LP'.includes(kind)) this.fail(start, 'found unknown escape character');
    this.skip();
    this.skip();
    if (codeLength === 0) return;
    let value = 0;
    for (let k = 0; k < codeLength; k++) {
      if (!isHexChar(this.at(k))) this.fail(start, 'did not find expected hexdecimal number');
      value = value * 16 + parseInt(this.at(k), 16);
    }
    if ((value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF) this.fail(start, 'found invalid Unicode character escape code');
    for (let k = 0; k < codeLength; k++) this.skip();
  }

  private scanPlainScalar(): Token {
    const indent = this.indent + 1;
    const start = this.mark();
    let end = this.mark();
    let leadingBlanks = false;
    for (;;) {
      if (this.column === 0 && (this.documentIndicatorAhead('-') || this.documentIndicatorAhead('.'))) break;
      if (this.at() === '#') break;
      while (!this.isBlankZ()) {
        const ch = this.at();
        if ((ch === ':' && this.isBlankZ(1)) || (this.flowLevel > 0 && ',?[]{}'.includes(ch))) break;
        leadingBlanks = false;
        this.skip();
        end = this.mark();
      }
      if (!(this.isBlank() || this.isBreak())) break;
      while (this.isBlank() || this.isBreak()) {
        if (this.isBlank()) {
          if (leadingBlanks && this.column < indent && this.at() === '\t') this.fail(start, 'found a tab character that violates indentation');
          this.skip();
        } else {
          this.skipLine();
          leadingBlanks = true;
        }
      }
      if (this.flowLevel === 0 && this.column < indent) break;
    }
    if (leadingBlanks) this.simpleKeyAllowed = true;
    return { type: 'SCALAR', start, end };
  }
}
