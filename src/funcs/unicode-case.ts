// Go's per-rune unicode package rules (IsSpace, IsUpper, simple case mappings),
// which differ from JS's full-string case mappings ("ß".toUpperCase() is "SS").
const SPACE = /^\p{White_Space}$/u;
const UPPER = /^\p{Lu}$/u;
const LOWER = /^\p{Ll}$/u;
const TITLE = /^\p{Lt}$/u;
const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;

export const isSpace = (ch: string) => SPACE.test(ch);
export const isUpper = (ch: string) => UPPER.test(ch);
export const isLower = (ch: string) => LOWER.test(ch);
export const isTitle = (ch: string) => TITLE.test(ch);
export const isLetter = (ch: string) => LETTER.test(ch);
export const isDigit = (ch: string) => DIGIT.test(ch);

/** unicode.ToUpper: the simple one-rune mapping, or the rune itself. */
export function toUpperRune(ch: string): string {
  const up = ch.toUpperCase();
  return [...up].length === 1 ? up : ch;
}

/** unicode.ToLower: the simple one-rune mapping, or the rune itself. */
export function toLowerRune(ch: string): string {
  if (ch === '\u0130') return 'i'; // İ lowercases to i without the combining dot
  const low = ch.toLowerCase();
  return [...low].length === 1 ? low : ch;
}

// Latin digraphs are the runes whose title case differs from their upper case.
const TITLE_DIGRAPHS: Record<string, string> = {
  '\u01C4': '\u01C5', '\u01C5': '\u01C5', '\u01C6': '\u01C5',
  '\u01C7': '\u01C8', '\u01C8': '\u01C8', '\u01C9': '\u01C8',
  '\u01CA': '\u01CB', '\u01CB': '\u01CB', '\u01CC': '\u01CB',
  '\u01F1': '\u01F2', '\u01F2': '\u01F2', '\u01F3': '\u01F2',
};

/** unicode.ToTitle. */
export function toTitleRune(ch: string): string {
  return TITLE_DIGRAPHS[ch] ?? toUpperRune(ch);
}

/** strings.Map over runes. */
export function mapRunes(s: string, fn: (ch: string) => string): string {
  let out = '';
  for (const ch of s) out += fn(ch);
  return out;
}
