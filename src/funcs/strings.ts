// Sprig's string functions (trim, upper, title, substr, trunc, abbrev, wrap, quote,
// indent, replace, split, join, sortAlpha, ...) with Go's byte and rune semantics:
// lengths and offsets count UTF-8 bytes where Go's do.
import { goFunc, markSliceType, type GoFunc, type GoMap, type GoValue } from '../govalue/types.ts';
import { sprintf } from '../gofmt/fmt.ts';
import { expectInt, expectString } from './arg-types.ts';
import { toCamelWords, toLowerWords } from './case-words.ts';
import { isList, strslice, strval } from './coerce.ts';
import {
  isDigit, isLetter, isLower, isSpace, isTitle, isUpper, mapRunes, toLowerRune, toTitleRune, toUpperRune,
} from './unicode-case.ts';

const utf8 = (s: string) => Buffer.from(s, 'utf8');
/** Text of a byte range; a cut through a multi-byte rune decodes as U+FFFD. */
const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');

/** strings.Repeat, which panics on a negative count. */
function repeat(s: string, count: number): string {
  if (count < 0) throw new Error('strings: negative Repeat count');
  return s.repeat(count);
}

/** strings.TrimSpace (unicode.IsSpace at both ends). */
function trimSpace(s: string): string {
  const runes = [...s];
  let start = 0;
  let end = runes.length;
  while (start < end && isSpace(runes[start])) start++;
  while (end > start && isSpace(runes[end - 1])) end--;
  return runes.slice(start, end).join('');
}

/** strings.Trim: strips runes found in cutset from both ends. */
function trimCutset(s: string, cutset: string): string {
  const cut = new Set(cutset);
  const runes = [...s];
  let start = 0;
  let end = runes.length;
  while (start < end && cut.has(runes[start])) start++;
  while (end > start && cut.has(runes[end - 1])) end--;
  return runes.slice(start, end).join('');
}

/** strings.Title's word-boundary test. */
function isSeparator(ch: string): boolean {
  const r = ch.codePointAt(0)!;
  if (r <= 0x7f) return !/[0-9A-Za-z_]/.test(ch);
  if (isLetter(ch) || isDigit(ch)) return false;
  return isSpace(ch);
}

function title(s: string): string {
  let prev = ' ';
  return mapRunes(s, (ch) => {
    const out = isSeparator(prev) ? toTitleRune(ch) : ch;
    prev = ch;
    return out;
  });
}

/** goutils.Uncapitalize: lower-cases the first rune after each whitespace. */
function untitle(s: string): string {
  let next = true;
  return mapRunes(s, (ch) => {
    if (isSpace(ch)) { next = true; return ch; }
    if (next) { next = false; return toLowerRune(ch); }
    return ch;
  });
}

/** goutils.SwapCase: a lower-case rune after whitespace becomes title case. */
function swapcase(s: string): string {
  let whitespace = true;
  return mapRunes(s, (ch) => {
    if (isUpper(ch) || isTitle(ch)) { whitespace = false; return toLowerRune(ch); }
    if (isLower(ch)) {
      const out = whitespace ? toTitleRune(ch) : toUpperRune(ch);
      whitespace = false;
      return out;
    }
    whitespace = isSpace(ch);
    return ch;
  });
}

/** goutils walks bytes, treating each byte as a rune (Latin-1) for these two. */
function initials(s: string): string {
  let out = '';
  let lastWasGap = true;
  for (const byte of utf8(s)) {
    const ch = String.fromCodePoint(byte);
    if (isSpace(ch)) lastWasGap = true;
    else if (lastWasGap) { out += ch; lastWasGap = false; }
  }
  return out;
}

function nospace(s: string): string {
  const bytes = utf8(s);
  let out = '';
  let kept = 0;
  for (const byte of bytes) {
    const ch = String.fromCodePoint(byte);
    if (!isSpace(ch)) { out += ch; kept++; }
  }
  return kept === bytes.length ? s : out;
}

/** goutils.AbbreviateFull over bytes; undefined where it returns an error. */
function abbreviateFull(s: string, offset: number, maxWidth: number): string | undefined {
  const b = utf8(s);
  if (b.length === 0) return '';
  if (maxWidth < 4) return undefined;
  if (b.length <= maxWidth) return s;
  if (offset > b.length) offset = b.length;
  if (b.length - offset < maxWidth - 3) offset = b.length - (maxWidth - 3);
  if (offset <= 4) return text(b.subarray(0, maxWidth - 3)) + '...';
  if (maxWidth < 7) return undefined;
  if (offset + maxWidth - 3 < b.length) return '...' + (abbreviateFull(text(b.subarray(offset)), 0, maxWidth - 3) ?? '');
  return '...' + text(b.subarray(b.length - (maxWidth - 3)));
}

function abbrev(width: GoValue, s: GoValue): string {
  const w = expectInt('abbrev', width);
  const str = expectString('abbrev', s);
  return w < 4 ? str : abbreviateFull(str, 0, w) ?? '';
}

function abbrevboth(left: GoValue, right: GoValue, s: GoValue): string {
  const l = expectInt('abbrevboth', left);
  const r = expectInt('abbrevboth', right);
  const str = expectString('abbrevboth', s);
  return r < 4 || (l > 0 && r < 7) ? str : abbreviateFull(str, l, r) ?? '';
}

/** Go's panic for a string slice expression out of range. */
function sliceBounds(low: number | undefined, high: number | undefined, length: number): Error {
  if (low === undefined) return new Error(`runtime error: slice bounds out of range [:${high}] with length ${length}`);
  return new Error(`runtime error: slice bounds out of range [${low}:${high ?? length}]`);
}

function substr(start: GoValue, end: GoValue, s: GoValue): string {
  const from = expectInt('substr', start);
  const to = expectInt('substr', end);
  const b = utf8(expectString('substr', s));
  if (from < 0) {
    if (to < 0 || to > b.length) throw sliceBounds(undefined, to, b.length);
    return text(b.subarray(0, to));
  }
  if (to < 0 || to > b.length) {
    if (from > b.length) throw sliceBounds(from, undefined, b.length);
    return text(b.subarray(from));
  }
  if (from > to) throw new Error(`runtime error: slice bounds out of range [${from}:${to}]`);
  return text(b.subarray(from, to));
}

function trunc(count: GoValue, s: GoValue): string {
  const c = expectInt('trunc', count);
  const str = expectString('trunc', s);
  const b = utf8(str);
  if (c >= 0 && b.length > c) return text(b.subarray(0, c));
  if (c < 0 && b.length > -c) return text(b.subarray(b.length + c));
  return str;
}

/** goutils.WrapCustom over bytes: breaks at the last space within each line. */
function wrapCustom(s: string, width: number, newline: string, wrapLongWords: boolean): string {
  if (s === '') return '';
  if (newline === '') newline = '\n';
  if (width < 1) width = 1;
  const b = utf8(s);
  const length = b.length;
  const SPACE = 0x20;
  let offset = 0;
  let out = '';
  while (length - offset > width) {
    if (b[offset] === SPACE) { offset++; continue; }
    const window = b.subarray(offset, Math.min(width + offset + 1, length));
    const spaceAt = window.lastIndexOf(SPACE);
    if (spaceAt >= 0) {
      out += text(b.subarray(offset, offset + spaceAt)) + newline;
      offset += spaceAt + 1;
    } else if (wrapLongWords) {
      out += text(b.subarray(offset, offset + width)) + newline;
      offset += width;
    } else {
      const next = b.indexOf(SPACE, offset + width);
      if (next < 0) {
        out += text(b.subarray(offset));
        offset = length;
      } else {
        out += text(b.subarray(offset, next)) + newline;
        offset = next + 1;
      }
    }
  }
  return out + text(b.subarray(offset));
}

function indent(spaces: GoValue, s: GoValue): string {
  const pad = repeat(' ', expectInt('indent', spaces));
  return pad + expectString('indent', s).replaceAll('\n', '\n' + pad);
}

/** strings.Replace with n = -1; an empty old string matches before every rune and at the end. */
function replaceAll(s: string, old: string, replacement: string): string {
  if (old === '') return [...s].map((ch) => replacement + ch).join('') + replacement;
  return s.split(old).join(replacement);
}

/** strings.SplitN; n < 0 means all parts, n == 0 none. */
function splitN(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  let parts: string[];
  if (sep === '') {
    parts = [...s];
    if (n > 0 && parts.length > n) parts = [...parts.slice(0, n - 1), parts.slice(n - 1).join('')];
    return parts;
  }
  parts = s.split(sep);
  if (n > 0 && parts.length > n) parts = [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
  return parts;
}

/** Sprig's split/splitn result: a map keyed "_0", "_1", ... */
function indexedMap(parts: string[]): GoMap {
  return Object.fromEntries(parts.map((p, i) => [`_${i}`, p]));
}

const compareBytes = (a: string, b: string) => Buffer.compare(utf8(a), utf8(b));

/** Sprig sorts a []string operand in place (strslice hands back the same slice). */
function sortAlpha(list: GoValue): string[] {
  if (!isList(list)) return markSliceType([strval(list)], 'string');
  return strslice(list).sort(compareBytes);
}

/** fmt's %v joined by spaces, nil operands dropped (Sprig's cat). */
function cat(...vs: GoValue[]): string {
  const present = vs.filter((v) => v !== null);
  return sprintf(present.map(() => '%v').join(' '), ...present);
}

const str = (fn: string, f: (s: string) => GoValue) => goFunc(fn, (s) => f(expectString(fn, s)));
/** Sprig flips Go's argument order so the piped string comes last. */
const flipped = (fn: string, f: (s: string, arg: string) => GoValue) =>
  goFunc(fn, (arg, s) => f(expectString(fn, s), expectString(fn, arg)));
const variadic = { arity: 0, variadic: true };

export const stringFunctions: Record<string, GoFunc> = {
  abbrev: goFunc('abbrev', abbrev),
  abbrevboth: goFunc('abbrevboth', abbrevboth),
  trunc: goFunc('trunc', trunc),
  trim: str('trim', trimSpace),
  upper: str('upper', (s) => mapRunes(s, toUpperRune)),
  lower: str('lower', (s) => mapRunes(s, toLowerRune)),
  title: str('title', title),
  untitle: str('untitle', untitle),
  substr: goFunc('substr', substr),
  repeat: goFunc('repeat', (count, s) => repeat(expectString('repeat', s), expectInt('repeat', count))),
  trimall: flipped('trimall', trimCutset),
  trimAll: flipped('trimAll', trimCutset),
  trimSuffix: flipped('trimSuffix', (s, suffix) => suffix !== '' && s.endsWith(suffix) ? s.slice(0, -suffix.length) : s),
  trimPrefix: flipped('trimPrefix', (s, prefix) => s.startsWith(prefix) ? s.slice(prefix.length) : s),
  nospace: str('nospace', nospace),
  initials: str('initials', initials),
  swapcase: str('swapcase', swapcase),
  snakecase: str('snakecase', (s) => toLowerWords(s, '_')),
  kebabcase: str('kebabcase', (s) => toLowerWords(s, '-')),
  camelcase: str('camelcase', (s) => toCamelWords(s, true)),
  wrap: goFunc('wrap', (width, s) => wrapCustom(expectString('wrap', s), expectInt('wrap', width), '', false)),
  wrapWith: goFunc('wrapWith', (width, sep, s) =>
    wrapCustom(expectString('wrapWith', s), expectInt('wrapWith', width), expectString('wrapWith', sep), true)),
  contains: flipped('contains', (s, sub) => s.includes(sub)),
  hasPrefix: flipped('hasPrefix', (s, prefix) => s.startsWith(prefix)),
  hasSuffix: flipped('hasSuffix', (s, suffix) => s.endsWith(suffix)),
  quote: goFunc('quote', (...vs: GoValue[]) =>
    vs.filter((v) => v !== null).map((v) => sprintf('%q', strval(v))).join(' '), variadic),
  squote: goFunc('squote', (...vs: GoValue[]) =>
    vs.filter((v) => v !== null).map((v) => sprintf("'%v'", v)).join(' '), variadic),
  cat: goFunc('cat', cat, variadic),
  indent: goFunc('indent', indent),
  nindent: goFunc('nindent', (spaces, s) => '\n' + indent(spaces, s)),
  replace: goFunc('replace', (old, replacement, s) =>
    replaceAll(expectString('replace', s), expectString('replace', old), expectString('replace', replacement))),
  plural: goFunc('plural', (one, many, count) =>
    expectInt('plural', count) === 1 ? expectString('plural', one) : expectString('plural', many)),
  split: goFunc('split', (sep, s) => indexedMap(splitN(expectString('split', s), expectString('split', sep), -1))),
  splitList: goFunc('splitList', (sep, s) =>
    markSliceType(splitN(expectString('splitList', s), expectString('splitList', sep), -1), 'string')),
  splitn: goFunc('splitn', (sep, n, s) =>
    indexedMap(splitN(expectString('splitn', s), expectString('splitn', sep), expectInt('splitn', n)))),
  join: goFunc('join', (sep, list) => strslice(list).join(expectString('join', sep))),
  sortAlpha: goFunc('sortAlpha', sortAlpha),
};
