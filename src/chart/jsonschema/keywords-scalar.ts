// Keywords for strings (minLength, maxLength, pattern) and numbers (minimum, maximum, their
// exclusive forms incl. draft 4's boolean ones, multipleOf).
import { invalidRegex } from './compile-errors.ts';
import { boundKind, countKind, patternKind } from './error-kinds.ts';
import type { Frame } from './frame.ts';
import { goPattern, type GoPattern } from './go-regexp.ts';
import { compareNumbers, integerKeyword, isJsonNumber, isMultipleOf, type JsonNumber } from './json-number.ts';
import type { SchemaNode } from './schema-node.ts';

/** Compiles the node's pattern and patternProperties once (an invalid one fails the whole schema, as in helm). */
export function preparePatterns(node: SchemaNode): void {
  const cache = (node.prepared ??= new Map());
  if (cache.has('patterns')) return;
  const s = node.obj!;
  const compile = (source: string, keyword: string): GoPattern => {
    const re = goPattern(source);
    if (re instanceof Error) throw invalidRegex(`${node.location}/${keyword}`, source, re.message);
    return re;
  };
  if (typeof s.pattern === 'string') cache.set('pattern', compile(s.pattern, 'pattern'));
  const props = s.patternProperties;
  if (typeof props === 'object' && props !== null && !Array.isArray(props)) {
    cache.set('patternProperties', Object.keys(props).map((source) => [compile(source, 'patternProperties'), source] as const));
  }
  cache.set('patterns', true);
}

/** Go's utf8.RuneCountInString. */
function runeCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

export function validateString(frame: Frame, str: string): void {
  const s = frame.node.obj!;
  const min = integerKeyword(s.minLength);
  const max = integerKeyword(s.maxLength);
  if (min !== undefined || max !== undefined) {
    const length = runeCount(str);
    if (min !== undefined && length < min) frame.addError(countKind('minLength', length, min));
    if (max !== undefined && length > max) frame.addError(countKind('maxLength', length, max));
  }
  const pattern = frame.node.prepared?.get('pattern') as GoPattern | undefined;
  if (pattern && !pattern.test(str)) frame.addError(patternKind(str, s.pattern as string));
}

const numberKeyword = (v: unknown): JsonNumber | undefined => (isJsonNumber(v) ? v : undefined);

export function validateNumber(frame: Frame, n: JsonNumber): void {
  const s = frame.node.obj!;
  let maximum = numberKeyword(s.maximum);
  let minimum = numberKeyword(s.minimum);
  let exclusiveMaximum = numberKeyword(s.exclusiveMaximum);
  let exclusiveMinimum = numberKeyword(s.exclusiveMinimum);
  if (s.exclusiveMaximum === true) [exclusiveMaximum, maximum] = [maximum, undefined];
  if (s.exclusiveMinimum === true) [exclusiveMinimum, minimum] = [minimum, undefined];
  if (minimum !== undefined && compareNumbers(n, minimum) < 0) frame.addError(boundKind('minimum', n, minimum));
  if (maximum !== undefined && compareNumbers(n, maximum) > 0) frame.addError(boundKind('maximum', n, maximum));
  if (exclusiveMinimum !== undefined && compareNumbers(n, exclusiveMinimum) <= 0) frame.addError(boundKind('exclusiveMinimum', n, exclusiveMinimum));
  if (exclusiveMaximum !== undefined && compareNumbers(n, exclusiveMaximum) >= 0) frame.addError(boundKind('exclusiveMaximum', n, exclusiveMaximum));
  const multipleOf = numberKeyword(s.multipleOf);
  if (multipleOf !== undefined && !isMultipleOf(n, multipleOf)) frame.addError(boundKind('multipleOf', n, multipleOf));
}
