// helm validates every schema against its draft's metaschema before using it. This validator
// does not carry the metaschemas; it checks that the document is a schema (object or boolean)
// and the one thing in them that charts get wrong and a lenient reading would hide: that each
// "pattern" and "patternProperties" name is a valid Go regular expression (format "regex"). The failure reads as the metaschema's would: nested
// under "'allOf' failed" per schema level from 2019-09 on, flat before.
import { goQuote } from '../../gofmt/strconv.ts';
import { SchemaError, renderFailures, type InstancePath } from './errors.ts';
import { allOfKind, anyOfKind, formatKind, groupKind, propertyNameKind, typeKind } from './error-kinds.ts';
import { ARRAY, BOOLEAN, OBJECT, typeName, typeOf } from './json-value.ts';
import { subschemaKeywords, type Draft } from './drafts.ts';
import { goPattern } from './go-regexp.ts';
import type { JsonObject } from './json-value.ts';

const metaschemaUrls: Record<Draft, string> = {
  4: 'http://json-schema.org/draft-04/schema#',
  6: 'http://json-schema.org/draft-06/schema#',
  7: 'http://json-schema.org/draft-07/schema#',
  2019: 'https://json-schema.org/draft/2019-09/schema#',
  2020: 'https://json-schema.org/draft/2020-12/schema#',
};

const pathOf = (tokens: readonly string[]): InstancePath | undefined =>
  tokens.reduce<InstancePath | undefined>((parent, token) => ({ parent, token }), undefined);

/** The metaschema failures for invalid regular expressions in a document (`raw`, parsed from `text`), or undefined. */
export function invalidPatternReport(url: string, raw: unknown, text: string, draft: Draft): string | undefined {
  const header = `${goQuote(`${url}#`)} is not valid against metaschema: jsonschema validation failed with '${metaschemaUrls[draft]}'\n`;
  // A document that is no schema at all (null, a number, an array) fails the metaschema's type.
  const t = typeOf(raw);
  if (t !== OBJECT && t !== BOOLEAN) return header + renderFailures([typeError([], typeName(t), BOOLEAN | OBJECT)]).slice(0, -1);
  // Regular expressions sit under these two keywords only.
  if (!/"pattern(?:Properties)?"/.test(text) || !hasInvalidRegex(raw)) return undefined;
  const failures = metaFailures(raw, [], draft);
  if (failures.length === 0) return undefined;
  return header + renderFailures(failures).slice(0, -1);
}

function regexError(source: string): string | undefined {
  const re = goPattern(source);
  return re instanceof Error ? re.message : undefined;
}

/** A quick look anywhere in the document (valid schemas are the rule; the report is built only when needed). */
function hasInvalidRegex(v: unknown): boolean {
  if (Array.isArray(v)) {
    for (const item of v) if (hasInvalidRegex(item)) return true;
    return false;
  }
  if (typeof v !== 'object' || v === null) return false;
  const s = v as JsonObject;
  if (typeof s.pattern === 'string' && regexError(s.pattern) !== undefined) return true;
  const props = s.patternProperties;
  if (typeof props === 'object' && props !== null) for (const name in props) if (regexError(name) !== undefined) return true;
  for (const key in s) {
    const item = s[key];
    if (typeof item === 'object' && item !== null && hasInvalidRegex(item)) return true;
  }
  return false;
}

/** Several failures of one value show as one "validation failed" over them. */
function grouped(tokens: string[], errors: SchemaError[]): SchemaError[] {
  return errors.length > 1 ? [new SchemaError(pathOf(tokens), groupKind, errors)] : errors;
}

const typeError = (tokens: string[], got: string, want: number) => new SchemaError(pathOf(tokens), typeKind(got, want));

/** The subschema at `tokens` as the metaschema reaches it through a reference. */
function subschema(raw: unknown, tokens: string[], draft: Draft): SchemaError[] {
  return grouped(tokens, metaFailures(raw, tokens, draft));
}

/** Keywords of the metaschemas that accept a schema or something else (anyOf). */
function alternatives(keyword: string, draft: Draft, raw: unknown, tokens: string[], inner: SchemaError[]): SchemaError[] {
  if (inner.length === 0) return inner;
  const isItems = keyword === 'items' && draft <= 2019;
  if (isItems || keyword === 'dependencies') return [new SchemaError(pathOf(tokens), anyOfKind, [...inner, typeError(tokens, 'object', ARRAY)])];
  if (draft === 4 && (keyword === 'additionalItems' || keyword === 'additionalProperties')) {
    return [new SchemaError(pathOf(tokens), anyOfKind, [typeError(tokens, typeof raw === 'object' ? 'object' : 'boolean', BOOLEAN), ...inner])];
  }
  return inner;
}

/** What validating the schema at `tokens` against the metaschema reports about regexes. */
function metaFailures(raw: unknown, tokens: string[], draft: Draft): SchemaError[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return [];
  const s = raw as JsonObject;
  const places = new Map(subschemaKeywords(draft));
  // From 2019-09 "definitions" and "dependencies" belong to the metaschema itself, the rest to
  // its vocabularies (applied through allOf, in this order).
  const own: SchemaError[] = [];
  const core: SchemaError[] = [];
  const applicator: SchemaError[] = [];
  const unevaluated: SchemaError[] = [];
  const validation: SchemaError[] = [];
  for (const [keyword, v] of Object.entries(s)) {
    const at = [...tokens, keyword];
    const into = draft < 2019 ? applicator
      : keyword === 'definitions' || keyword === 'dependencies' ? own
        : keyword === '$defs' ? core
          : draft >= 2020 && keyword.startsWith('unevaluated') ? unevaluated : applicator;
    if (keyword === 'pattern' && typeof v === 'string') {
      const reason = regexError(v);
      if (reason !== undefined) (draft < 2019 ? applicator : validation).push(new SchemaError(pathOf(at), formatKind(v, 'regex', reason)));
      continue;
    }
    const place = places.get(keyword);
    if (place === undefined) continue;
    if (place === 'map') {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) continue;
      const entries = Object.entries(v).flatMap(([k, sub]) => alternatives(keyword, draft, sub, [...at, k], subschema(sub, [...at, k], draft)));
      // Draft 4's metaschema has no propertyNames, so its patternProperties names go unchecked here.
      const names = keyword === 'patternProperties' && draft >= 6 ? Object.keys(v).flatMap((name) => {
        const reason = regexError(name);
        return reason === undefined ? [] : [new SchemaError(undefined, propertyNameKind(name), [new SchemaError(undefined, formatKind(name, 'regex', reason))])];
      }) : [];
      into.push(...grouped(at, [...entries, ...names]));
    } else if (Array.isArray(v)) {
      if (place !== 'one') into.push(...grouped(at, v.flatMap((sub, i) => subschema(sub, [...at, String(i)], draft))));
    } else if (place !== 'array') into.push(...alternatives(keyword, draft, v, at, subschema(v, at, draft)));
  }
  if (draft < 2019) return applicator;
  const vocabularies = [core, applicator, unevaluated, validation].flatMap((errors) => grouped(tokens, errors));
  return vocabularies.length === 0 ? own : [...own, new SchemaError(pathOf(tokens), allOfKind, vocabularies)];
}
