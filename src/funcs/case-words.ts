// huandu/xstrings' word-aware case conversions behind Sprig's snakecase, kebabcase and
// camelcase: words split at connectors (-, _, spaces), punctuation, case changes and
// digit runs, with acronyms kept whole ("HTTPServer" is "http" + "server").
import { isLetter, isSpace, isUpper, toLowerRune, toUpperRune } from './unicode-case.ts';

type WordType = 'invalid' | 'number' | 'upper' | 'alphabet' | 'connector' | 'punct' | 'other';
interface Word { type: WordType; text: string }

const PUNCT = /^\p{P}$/u;
const NUMBER = /^\p{N}$/u;
const isPunct = (ch: string) => PUNCT.test(ch);
const isNumber = (ch: string) => NUMBER.test(ch);
const isConnector = (ch: string) => ch === '-' || ch === '_' || isSpace(ch);

/** A letter outside the CJK ideograph blocks, which xstrings does not treat as words. */
function isAlphabet(ch: string): boolean {
  if (!isLetter(ch)) return false;
  const r = ch.codePointAt(0)!;
  if (r < 0x3400) return true;
  return !((r >= 0x4e00 && r <= 0x9fcc) || (r >= 0x3400 && r <= 0x4d85) || (r >= 0x20000 && r <= 0x2b81d));
}

/** Reads runes from a position while a predicate holds. */
function scan(runes: string[], from: number, keep: (ch: string) => boolean): number {
  let i = from;
  while (i < runes.length && keep(runes[i])) i++;
  return i;
}

function wordEnd(runes: string[], pos: number): { type: WordType; end: number } {
  const r = runes[pos];
  if (isConnector(r)) return { type: 'connector', end: scan(runes, pos + 1, isConnector) };
  if (isPunct(r)) return { type: 'punct', end: scan(runes, pos + 1, isPunct) };
  if (isUpper(r)) {
    const next = runes[pos + 1];
    if (next === undefined) return { type: 'upper', end: pos + 1 };
    if (isUpper(next)) {
      const end = scan(runes, pos + 1, isUpper);
      // "HTTPStatus": the last capital starts the next word.
      return { type: 'upper', end: end < runes.length && isAlphabet(runes[end]) ? end - 1 : end };
    }
    if (isAlphabet(next)) return { type: 'upper', end: scan(runes, pos + 1, (ch) => isAlphabet(ch) && !isUpper(ch)) };
    return { type: 'upper', end: pos + 1 };
  }
  if (isAlphabet(r)) return { type: 'alphabet', end: scan(runes, pos + 1, (ch) => isAlphabet(ch) && !isUpper(ch)) };
  if (isNumber(r)) return { type: 'number', end: scan(runes, pos + 1, isNumber) };
  return {
    type: 'other',
    end: scan(runes, pos + 1, (ch) => !isConnector(ch) && !isAlphabet(ch) && !isNumber(ch) && !isPunct(ch)),
  };
}

/** Words written lower case, connector runs replaced by the connector. */
function lowered(word: Word, connector: string): string {
  if (word.type !== 'upper' && word.type !== 'connector') return word.text;
  let out = '';
  for (const ch of word.text) out += isConnector(ch) ? connector : isUpper(ch) ? toLowerRune(ch) : ch;
  return out;
}

/** xstrings' camelCaseToLowerCase (ToSnakeCase with "_", ToKebabCase with "-"). */
export function toLowerWords(s: string, connector: string): string {
  if (s === '') return '';
  const runes = [...s];
  let pos = 0;
  const next = (): Word => {
    if (pos >= runes.length) return { type: 'invalid', text: '' };
    const { type, end } = wordEnd(runes, pos);
    const word = { type, text: runes.slice(pos, end).join('') };
    pos = end;
    return word;
  };
  const separates = (w: Word) => w.type !== 'invalid' && w.type !== 'punct' && w.type !== 'connector';
  let word = next();
  let out = '';
  while (pos < runes.length) {
    if (word.type !== 'connector') out += lowered(word, connector);
    const prev = word;
    word = next();
    if (prev.type === 'number') {
      while (word.type === 'alphabet' || word.type === 'number') { out += lowered(word, connector); word = next(); }
      if (separates(word)) out += connector;
    } else if (prev.type === 'connector') {
      out += lowered(prev, connector);
    } else if (prev.type !== 'punct') {
      if (word.type !== 'number') {
        if (word.type !== 'connector' && word.type !== 'punct') out += connector;
        continue;
      }
      if (pos >= runes.length) continue;
      // A number followed by letters starts a new word ("HTTP2xx" is "http_2xx");
      // otherwise it stays with the word before it ("Bld4Floor" is "bld4_floor").
      const digits = word;
      word = next();
      if (word.type !== 'alphabet') {
        out += digits.text;
        if (word.type !== 'connector' && word.type !== 'punct') out += connector;
        continue;
      }
      out += connector + digits.text;
      while (word.type === 'alphabet' || word.type === 'number') { out += lowered(word, connector); word = next(); }
      if (separates(word)) out += connector;
    }
  }
  return out + lowered(word, connector);
}

/** xstrings' toCamelCase: connectors dropped, the rune after one upper-cased. */
export function toCamelWords(s: string, pascal: boolean): string {
  if (s === '') return '';
  const runes = [...s];
  let i = 0;
  let out = '';
  let r0 = '';
  let firstRuneUpper = false;
  // Leading connectors are kept.
  while (i < runes.length) {
    r0 = runes[i++];
    if (!isConnector(r0)) {
      firstRuneUpper = isUpper(r0);
      r0 = pascal ? toUpperRune(r0) : toLowerRune(r0);
      break;
    }
    out += r0;
  }
  if (i >= runes.length) return out + r0;
  while (i < runes.length) {
    const r1 = r0;
    r0 = runes[i++];
    if (isConnector(r0) && isConnector(r1)) { out += r1; continue; }
    if (isConnector(r1)) {
      firstRuneUpper = isUpper(r0);
      r0 = toUpperRune(r0);
    } else {
      // An all-capitals word is lower-cased after its first letter.
      if (firstRuneUpper) {
        if (isUpper(r0)) r0 = toLowerRune(r0);
        else firstRuneUpper = false;
      }
      out += r1;
    }
  }
  if (firstRuneUpper && !pascal) r0 = toLowerRune(r0);
  return out + r0;
}
