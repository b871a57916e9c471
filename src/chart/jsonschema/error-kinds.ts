// The wording of each kind of failure, as santhosh-tekuri/jsonschema v6 prints it in English.
import { goTypeName } from '../../gofmt/fmt.ts';
import { goQuote } from '../../gofmt/strconv.ts';
import type { GoValue } from '../../govalue/types.ts';
import type { ErrorKind } from './errors.ts';
import { quote } from './errors.ts';
import { englishFloat, englishInt } from './english-numbers.ts';
import { isJsonNumber, jsonNumberFloat, schemaNumberText, type JsonNumber } from './json-number.ts';
import { typeNames } from './json-value.ts';

function kind(name: string, text: () => string): ErrorKind {
  return { name, text };
}

const fixed = (name: string, text: string): ErrorKind => ({ name, text: () => text });

export const groupKind = fixed('group', 'validation failed');
export const referenceKind = fixed('reference', 'validation failed');
export const falseSchemaKind = fixed('false', 'false schema');
export const notKind = fixed('not', "'not' failed");
export const allOfKind = fixed('allOf', "'allOf' failed");
export const anyOfKind = fixed('anyOf', "'anyOf' failed");
export const containsKind = fixed('contains', 'no items match contains schema');
export const oneOfNoneKind = fixed('oneOf', "'oneOf' failed, none matched");

/** A value as the library's display() shows it: strings quoted, containers as "value". */
function displayValue(v: unknown, literal?: string): string {
  if (typeof v === 'string') return quote(v);
  if (Array.isArray(v) || (typeof v === 'object' && v !== null && !isJsonNumber(v))) return 'value';
  if (v === null || v === undefined) return '<nil>';
  if (isJsonNumber(v)) return literal ?? schemaNumberText(v);
  return String(v);
}

const isContainer = (v: unknown) => typeof v === 'object' && v !== null && !isJsonNumber(v);

const quotedList = (names: readonly string[]) => names.map(quote).join(', ');

export const oneOfManyKind = (first: number, second: number) => kind('oneOf', () => `'oneOf' failed, subschemas ${englishInt(first)}, ${englishInt(second)} matched`);
export const invalidValueKind = (v: unknown) => kind('invalid', () => `invalid jsonType ${goTypeName(v as GoValue)}`);
export const refCycleKind = (url: string, loc1: string, loc2: string) =>
  kind('refCycle', () => `both ${loc1} and ${loc2} resolve to ${goQuote(url)} causing reference cycle`);

export const typeKind = (got: string, want: number) =>
  kind('type', () => `got ${got}, want ${typeNames.filter(([bit]) => want & bit).map(([, n]) => n).join(' or ')}`);

/** `literal(i)`: how the i-th wanted number is written in the schema (the const's is index 0). */
export const constKind = (want: unknown, literal: (i: number) => string | undefined) =>
  kind('const', () => (isContainer(want) ? "'const' failed" : `value must be ${displayValue(want, literal(0))}`));

export const enumKind = (want: readonly unknown[], literal: (i: number) => string | undefined) => kind('enum', () => {
  if (want.some(isContainer)) return "'enum' failed";
  const shown = want.map((v, i) => displayValue(v, isJsonNumber(v) ? literal(i) : undefined));
  return want.length === 1 ? `value must be ${shown[0]}` : `value must be one of ${shown.join(', ')}`;
});

export const formatKind = (got: unknown, format: string, reason: string) => kind('format', () => `${displayValue(got)} is not valid ${format}: ${reason}`);

/** minProperties, maxItems, minLength...: "KEYWORD: got N, want M" (x/text's English digits, as for all numbers here). */
export const countKind = (keyword: string, got: number, want: number) => kind(keyword, () => `${keyword}: got ${englishInt(got)}, want ${englishInt(want)}`);

/** minimum, maximum, exclusive bounds and multipleOf, both sides as float64. */
export const boundKind = (keyword: string, got: JsonNumber, want: JsonNumber) => kind(keyword, () => `${keyword}: got ${englishFloat(jsonNumberFloat(got))}, want ${englishFloat(jsonNumberFloat(want))}`);

export const requiredKind = (missing: readonly string[]) =>
  kind('required', () => (missing.length === 1 ? `missing property ${quote(missing[0])}` : `missing properties ${quotedList(missing)}`));

/** dependencies (array form) and dependentRequired word it alike. */
export const dependencyKind = (prop: string, missing: readonly string[]) => kind('dependency', () => `properties ${quotedList(missing)} required, if ${quote(prop)} exists`);

export const additionalPropertiesKind = (names: readonly string[]) => kind('additionalProperties', () => `additional properties ${quotedList(names)} not allowed`);
export const additionalItemsKind = (count: number) => kind('additionalItems', () => `last ${englishInt(count)} additionalItem(s) not allowed`);
export const propertyNameKind = (name: string) => kind('propertyNames', () => `invalid propertyName ${quote(name)}`);
export const uniqueItemsKind = (j: number, i: number) => kind('uniqueItems', () => `items at ${englishInt(j)} and ${englishInt(i)} are equal`);

export const minContainsKind = (matched: readonly number[], want: number) => kind('minContains', () => (matched.length === 0
  ? `min ${englishInt(want)} items required to match contains schema, but none matched`
  : `min ${englishInt(want)} items required to match contains schema, but matched ${englishInt(matched.length)} items at ${matched.join(' ')}`));
export const maxContainsKind = (matched: readonly number[], want: number) =>
  kind('maxContains', () => `max ${englishInt(want)} items required to match contains schema, but matched ${englishInt(matched.length)} items at ${matched.join(' ')}`);

export const patternKind = (got: string, pattern: string) => kind('pattern', () => `${quote(got)} does not match pattern ${quote(pattern)}`);
