// JSON Schema drafts as santhosh-tekuri/jsonschema tells them apart: by "$schema" (only at a
// resource root), 2020-12 without one; which keyword holds the id; where subschemas sit.

/** 4, 6, 7, 2019 or 2020. */
export type Draft = 4 | 6 | 7 | 2019 | 2020;

export const latestDraft: Draft = 2020;

/** The draft a "$schema" URL names, or undefined for any other URL (a custom metaschema). */
export function draftOfUrl(url: string): Draft | undefined {
  if (url.includes('#') && !url.endsWith('#')) return undefined;
  const bare = url.replace(/#$/, '').replace(/^https?:\/\//, '');
  switch (bare) {
    case 'json-schema.org/schema': return latestDraft;
    case 'json-schema.org/draft/2020-12/schema': return 2020;
    case 'json-schema.org/draft/2019-09/schema': return 2019;
    case 'json-schema.org/draft-07/schema': return 7;
    case 'json-schema.org/draft-06/schema': return 6;
    case 'json-schema.org/draft-04/schema': return 4;
    default: return undefined;
  }
}

/** The id of a schema object without its fragment, or '' (before 2019-09 an id beside $ref does not count). */
export function idOf(schema: Record<string, unknown>, draft: Draft): string {
  if (draft < 2019 && schema.$ref !== undefined) return '';
  const id = draft === 4 ? schema.id : schema.$id;
  if (typeof id !== 'string') return '';
  const hash = id.indexOf('#');
  return hash === -1 ? id : id.slice(0, hash);
}

/** "format" is asserted up to draft 7 and only an annotation later (helm enables no format vocabulary). */
export function assertsFormat(draft: Draft): boolean {
  return draft < 2019;
}

type SubschemaPlace = 'one' | 'map' | 'array' | 'one-or-array';

/** Keywords holding subschemas, per draft (where the library looks for ids and anchors). */
export function subschemaKeywords(draft: Draft): readonly (readonly [string, SubschemaPlace])[] {
  return draft >= 2020 ? places2020 : draft >= 2019 ? places2019 : draft >= 7 ? places7 : draft >= 6 ? places6 : places4;
}

const places4 = [
  ['definitions', 'map'], ['not', 'one'], ['allOf', 'array'], ['anyOf', 'array'], ['oneOf', 'array'], ['properties', 'map'],
  ['additionalProperties', 'one'], ['patternProperties', 'map'], ['items', 'one-or-array'], ['additionalItems', 'one'], ['dependencies', 'map'],
] as const;
const places6 = [...places4, ['propertyNames', 'one'], ['contains', 'one']] as const;
const places7 = [...places6, ['if', 'one'], ['then', 'one'], ['else', 'one']] as const;
const places2019 = [...places7, ['$defs', 'map'], ['dependentSchemas', 'map'], ['unevaluatedProperties', 'one'], ['unevaluatedItems', 'one'], ['contentSchema', 'one']] as const;
const places2020 = [...places2019, ['prefixItems', 'array']] as const;
