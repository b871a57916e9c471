// libyaml's scalar analysis as go-yaml v2 runs it: which styles (plain, single-quoted,
// double-quoted, literal) can represent a string, and which characters need escapes.

/** Code points libyaml may write as-is: LF, printable ASCII, U+00A0–U+D7FF, U+E000–U+FFFD but not the BOM. */
export function isPrintable(code: number): boolean {
  return code === 0x0a || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff);
}

export function isBreak(code: number): boolean {
  return code === 0x0a || code === 0x0d || code === 0x85 || code === 0x2028 || code === 0x2029;
}

const isBlankOrEnd = (code: number | undefined) =>
  code === undefined || code === 0x20 || code === 0x09 || code === 0 || isBreak(code);

export interface ScalarAnalysis {
  multiline: boolean;
  flowPlainAllowed: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

const plainWords = /^[A-Za-z0-9_./=+$()^;<][A-Za-z0-9_./=+$()^;<> -]*$/;

/** `tabsInBlocks`: go-yaml v3 lets tabs into literal blocks; v2 treats a tab as a special character. */
export function analyzeScalar(value: string, tabsInBlocks = false): ScalarAnalysis {
  if (value === '') {
    return { multiline: false, flowPlainAllowed: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  }
  // Words of letters, digits and harmless punctuation with single inner spaces allow every
  // style; most scalars are such, and the character walk runs interpreted, once per scalar.
  if (plainWords.test(value) && !value.endsWith(' ') && !value.startsWith('...')) {
    return { multiline: false, flowPlainAllowed: true, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: true };
  }
  return analyzeScalarByCharacters(value, tabsInBlocks);
}

const codesOf = (chars: string) => new Set(Array.from(chars, (ch) => ch.charCodeAt(0)));
/** Indicators at the start of a scalar, and flow indicators anywhere after it. */
const leadingIndicators = codesOf('#,[]{}&*!|>\'"%@`');
const flowIndicatorCodes = codesOf(',?[]{}');

/**
 * The analysis by walking the characters, as libyaml's yaml_emitter_analyze_scalar does: by
 * code point, read from the code units (a surrogate pair is one character, a lone surrogate
 * one of its own).
 */
export function analyzeScalarByCharacters(value: string, tabsInBlocks = false): ScalarAnalysis {
  let blockIndicators = false;
  let flowIndicators = false;
  if (value.startsWith('---') || value.startsWith('...')) blockIndicators = flowIndicators = true;
  let lineBreaks = false, special = false, tabs = false;
  let leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
  let breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false;
  let precededByWhitespace = true;
  const length = value.length;
  for (let i = 0; i < length;) {
    let code = value.charCodeAt(i);
    let next = i + 1;
    if (code >= 0xd800 && code <= 0xdbff && next < length) {
      const low = value.charCodeAt(next);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        next++;
      }
    }
    const last = next >= length;
    const followedByWhitespace = last || value.charCodeAt(next) === 0x20 || value.charCodeAt(next) === 0x09;
    if (i === 0) {
      if (leadingIndicators.has(code)) blockIndicators = flowIndicators = true;
      else if (code === 0x3f || code === 0x3a) { // ? :
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      } else if (code === 0x2d && followedByWhitespace) blockIndicators = flowIndicators = true; // -
    } else if (flowIndicatorCodes.has(code)) flowIndicators = true;
    else if (code === 0x3a) {
      flowIndicators = true;
      if (followedByWhitespace) blockIndicators = true;
    } else if (code === 0x23 && precededByWhitespace) blockIndicators = flowIndicators = true; // #

    if (code === 0x09 && tabsInBlocks) tabs = true;
    else if (!isPrintable(code)) special = true;
    if (code === 0x20) {
      if (i === 0) leadingSpace = true;
      if (last) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(code)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (last) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = previousBreak = false;
    }
    precededByWhitespace = isBlankOrEnd(code);
    i = next;
  }
  const result: ScalarAnalysis = {
    multiline: lineBreaks, flowPlainAllowed: true, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: true,
  };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak || lineBreaks) {
    result.flowPlainAllowed = result.blockPlainAllowed = false;
  }
  if (trailingSpace) result.blockAllowed = false;
  if (breakSpace) result.flowPlainAllowed = result.blockPlainAllowed = result.singleQuotedAllowed = false;
  if (tabs) result.flowPlainAllowed = result.blockPlainAllowed = result.singleQuotedAllowed = false;
  if (spaceBreak || special) {
    result.flowPlainAllowed = result.blockPlainAllowed = result.singleQuotedAllowed = result.blockAllowed = false;
  }
  if (flowIndicators) result.flowPlainAllowed = false;
  if (blockIndicators) result.blockPlainAllowed = false;
  return result;
}

const namedEscapes: Record<number, string> = {
  0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r', 0x1b: 'e',
  0x22: '"', 0x5c: '\\', 0x85: 'N', 0x2028: 'L', 0x2029: 'P',
};

/**
 * The escape libyaml writes inside double quotes, or undefined when the character goes as is.
 * go-yaml's BOM check looks at the start of the string, not the character, so a string that
 * starts with U+FEFF has every character escaped.
 */
export function doubleQuotedEscape(code: number, startsWithBom: boolean): string | undefined {
  if (isPrintable(code) && !startsWithBom && !isBreak(code) && code !== 0x22 && code !== 0x5c) return undefined;
  const named = namedEscapes[code];
  if (named !== undefined) return '\\' + named;
  const hex = code.toString(16).toUpperCase();
  if (code <= 0xff) return '\\x' + hex.padStart(2, '0');
  if (code <= 0xffff) return '\\u' + hex.padStart(4, '0');
  return '\\U' + hex.padStart(8, '0');
}
