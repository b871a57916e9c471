// One schema (object or boolean) of a document, with what the walker asks of it again and
// again worked out once, the first time the values reach it: nothing is prepared for parts of
// the schema no value goes through.
import type { Draft } from './drafts.ts';
import type { SchemaDocument } from './schema-document.ts';
import { typeBit, type JsonObject } from './json-value.ts';

export class SchemaNode {
  readonly doc: SchemaDocument;
  /** The keywords; undefined for a boolean schema (and for {}, which is `true`). */
  readonly obj: JsonObject | undefined;
  /** true / false for boolean schemas ({} and anything that is not an object count as true). */
  readonly bool: boolean | undefined;
  readonly draft: Draft;
  /** JSON pointer of this schema in its document. */
  readonly ptr: string;
  /** Absolute URL of the resource this schema belongs to (what $ref resolves against). */
  readonly base: string;
  /** The root schema of that resource. */
  readonly resource: SchemaNode;
  /** Bits of "type", 0 when absent. */
  readonly types: number;
  /** A draft-07-or-earlier $ref hides its siblings (all but const). */
  readonly refOnly: boolean;
  /** What the library precomputes for unevaluatedProperties/Items. */
  readonly allPropsEvaluated: boolean;
  readonly allItemsEvaluated: boolean;
  readonly numItemsEvaluated: number;
  readonly tracksUnevalProps: boolean;
  readonly tracksUnevalItems: boolean;
  /** Only "type" (and annotations) to check: the walker tests it without a frame of its own. */
  readonly typeOnly: boolean;
  /** Only a "$ref" (and annotations): passing means its target passes. */
  readonly refOnlyNode: boolean;
  /** Cache slot for the walker's per-keyword preparations (regexes, resolved refs). */
  prepared: Map<string, unknown> | undefined;

  constructor(doc: SchemaDocument, raw: unknown, ptr: string, draft: Draft, base: string, resource: SchemaNode | undefined) {
    this.doc = doc;
    this.ptr = ptr;
    this.draft = draft;
    this.base = base;
    this.resource = resource ?? this;
    const obj = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw as JsonObject : undefined;
    let empty = true;
    for (const _ in obj) { empty = false; break; }
    this.bool = typeof raw === 'boolean' ? raw : empty ? true : undefined;
    this.obj = this.bool === undefined ? obj : undefined;
    const s = this.obj;
    this.refOnly = s !== undefined && draft < 2019 && typeof s.$ref === 'string';
    this.types = s === undefined || this.refOnly ? 0 : typeBits(s.type);
    const applies = (k: string) => s !== undefined && !this.refOnly && s[k] !== undefined;
    this.allPropsEvaluated = applies('additionalProperties');
    if (draft < 2020) {
      const items = s?.items;
      this.allItemsEvaluated = applies('additionalItems') && Array.isArray(items) || (applies('items') && !Array.isArray(items));
      this.numItemsEvaluated = applies('items') && Array.isArray(items) ? items.length : 0;
    } else {
      this.allItemsEvaluated = applies('items');
      this.numItemsEvaluated = applies('prefixItems') && Array.isArray(s!.prefixItems) ? s!.prefixItems.length : 0;
    }
    this.tracksUnevalProps = draft >= 2019 && applies('unevaluatedProperties');
    this.tracksUnevalItems = draft >= 2019 && applies('unevaluatedItems');
    this.typeOnly = s !== undefined && this.types !== 0 && assertionsOf(s, draft).length === 0;
    this.refOnlyNode = s !== undefined && typeof s.$ref === 'string' && this.types === 0 && assertionsOf(s, draft).join() === '$ref';
  }

  /** The subschema `raw` found at this schema's `keyword` (and `key` within it). */
  child(raw: unknown, keyword: string, key?: string): SchemaNode {
    return this.doc.nodeFor(raw, this, keyword, key);
  }

  /** The library's schema Location: the document URL and the pointer. */
  get location(): string {
    return this.doc.locationOf(this.ptr);
  }
}

/** Keywords the walker acts on; every other keyword is an annotation to it. */
const assertions = new Set([
  '$ref', '$recursiveRef', '$dynamicRef', 'enum', 'const', 'not', 'allOf', 'anyOf', 'oneOf', 'if', 'then', 'else',
  'properties', 'patternProperties', 'additionalProperties', 'required', 'minProperties', 'maxProperties', 'dependencies',
  'propertyNames', 'dependentSchemas', 'dependentRequired', 'unevaluatedProperties', 'unevaluatedItems', 'items',
  'additionalItems', 'prefixItems', 'contains', 'minContains', 'maxContains', 'minItems', 'maxItems', 'uniqueItems',
  'minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
]);

/** The keywords of `s` the walker acts on, "type" aside. */
function assertionsOf(s: JsonObject, draft: Draft): string[] {
  const out: string[] = [];
  for (const key in s) if (assertions.has(key) || (key === 'format' && draft < 2019)) out.push(key);
  return out;
}

function typeBits(type: unknown): number {
  if (typeof type === 'string') return typeBit(type);
  if (!Array.isArray(type)) return 0;
  let bits = 0;
  for (const t of type) if (typeof t === 'string') bits |= typeBit(t);
  return bits;
}
