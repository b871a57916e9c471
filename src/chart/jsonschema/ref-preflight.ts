// helm compiles every schema reachable from the root before validating, so a $ref that does not
// resolve fails the chart even where no value goes. This resolves the references of every
// reachable schema up front (only for documents that have any), as that compilation would.
import { refTarget } from './keywords-ref.ts';
import type { SchemaNode } from './schema-node.ts';

/** Keywords whose subschemas the library compiles, and how they hold them. */
const compiled: readonly (readonly [string, 'one' | 'map' | 'array' | 'one-or-array', number])[] = [
  ['allOf', 'array', 4], ['anyOf', 'array', 4], ['oneOf', 'array', 4], ['not', 'one', 4], ['properties', 'map', 4],
  ['patternProperties', 'map', 4], ['additionalProperties', 'one', 4], ['dependencies', 'map', 4],
  ['contains', 'one', 6], ['propertyNames', 'one', 6], ['if', 'one', 7], ['then', 'one', 7], ['else', 'one', 7],
  ['dependentSchemas', 'map', 2019], ['unevaluatedProperties', 'one', 2019], ['unevaluatedItems', 'one', 2019], ['prefixItems', 'array', 2020],
];

/** Keywords a draft-07-or-earlier $ref leaves out (its siblings of draft 6 and 7 still count). */
const hiddenByRef = new Set(['allOf', 'anyOf', 'oneOf', 'not', 'properties', 'patternProperties', 'additionalProperties', 'dependencies', 'items', 'additionalItems']);

/** Throws the library's compile error for the first reference that does not resolve. */
export function resolveReachableRefs(root: SchemaNode): void {
  const seen = new Set<SchemaNode>();
  const queue = [root];
  while (queue.length > 0) {
    const node = queue.pop()!;
    const s = node.obj;
    if (s === undefined || seen.has(node)) continue;
    seen.add(node);
    const draft = node.draft;
    for (const keyword of ['$ref', '$recursiveRef', '$dynamicRef']) {
      if (typeof s[keyword] !== 'string' || (keyword !== '$ref' && draft < (keyword === '$dynamicRef' ? 2020 : 2019))) continue;
      queue.push(refTarget(node, keyword));
    }
    const visible = (keyword: string) => !(node.refOnly && hiddenByRef.has(keyword));
    for (const [keyword, place, since] of compiled) {
      const v = s[keyword];
      if (v === undefined || draft < since || !visible(keyword) || ((keyword === 'then' || keyword === 'else') && s.if === undefined)) continue;
      if (place === 'map') {
        if (typeof v !== 'object' || v === null || Array.isArray(v)) continue;
        for (const [k, sub] of Object.entries(v)) if (keyword !== 'dependencies' || !Array.isArray(sub)) queue.push(node.child(sub, keyword, k));
      } else if (Array.isArray(v)) {
        if (place === 'array') v.forEach((sub, i) => queue.push(node.child(sub, keyword, String(i))));
      } else if (place === 'one' && (keyword === 'additionalProperties' ? typeof v !== 'boolean' : true)) queue.push(node.child(v, keyword));
    }
    if (!visible('items')) continue;
    const items = s.items;
    if (Array.isArray(items) && draft < 2020) {
      items.forEach((sub, i) => queue.push(node.child(sub, 'items', String(i))));
      if (s.additionalItems !== undefined && typeof s.additionalItems !== 'boolean') queue.push(node.child(s.additionalItems, 'additionalItems'));
    } else if (items !== undefined) queue.push(node.child(items, 'items'));
  }
}
