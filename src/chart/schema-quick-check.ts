// A quick "these values conform" answer for the simple schemas most charts ship (type,
// properties and items, plus annotations), so that ajv's load and code generation are skipped
// when nothing is wrong. Any other keyword, or any doubt, answers undefined and ajv decides.

// Keywords that never change whether data is valid (standard annotations and the UI hints of
// bitnami's readme generator).
const annotations = new Set(['$comment', 'title', 'description', 'default', 'examples', 'readOnly', 'writeOnly', 'deprecated',
  'form', 'hidden', 'render', 'sliderMin', 'sliderMax', 'sliderUnit']);

const typeChecks: Record<string, (data: unknown) => boolean> = {
  object: (d) => typeof d === 'object' && d !== null && !Array.isArray(d),
  array: (d) => Array.isArray(d),
  string: (d) => typeof d === 'string',
  // Infinity and NaN never reach here: the caller answers undefined for them first.
  number: (d) => typeof d === 'number',
  integer: (d) => typeof d === 'number' && Number.isInteger(d),
  boolean: (d) => typeof d === 'boolean',
  null: (d) => d === null,
};

/** True when `data` conforms to `schema` for certain; undefined when ajv must decide. */
export function surelyConforms(schema: unknown, data: unknown): true | undefined {
  if (schema === true) return true;
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return undefined;
  const { $schema: _draft, ...rest } = schema as Record<string, unknown>;
  // The whole schema must be simple, not only the parts the data reaches: ajv rejects a bad
  // subschema even where no value goes.
  return isSimple(rest) && conforms(rest, data) ? true : undefined;
}

/** Whether every keyword, down every subschema, is an annotation or a well-formed type/properties/items. */
function isSimple(schema: unknown): boolean {
  if (schema === true) return true;
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return false;
  for (const [keyword, value] of Object.entries(schema)) {
    if (annotations.has(keyword)) continue;
    if (keyword === 'type') {
      const types = Array.isArray(value) ? value : [value];
      if (types.length === 0 || !types.every((t) => typeof t === 'string' && Object.hasOwn(typeChecks, t))) return false;
    } else if (keyword === 'properties') {
      if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.values(value).every(isSimple)) return false;
    } else if (keyword === 'items') {
      if (!isSimple(value)) return false;
    } else {
      return false;
    }
  }
  return true;
}

/** Whether `data` conforms to a schema that isSimple accepted. */
function conforms(schema: unknown, data: unknown): boolean {
  if (schema === true) return true;
  if (typeof data === 'number' && !Number.isFinite(data)) return false;
  const s = schema as Record<string, unknown>;
  if (s.type !== undefined) {
    const types = (Array.isArray(s.type) ? s.type : [s.type]) as string[];
    if (!types.some((t) => typeChecks[t](data))) return false;
  }
  if (s.properties !== undefined && typeChecks.object(data)) {
    // ajv tests `data[key] !== undefined` (inherited properties included): so does this.
    for (const [key, sub] of Object.entries(s.properties as Record<string, unknown>)) {
      const item = (data as Record<string, unknown>)[key];
      if (item !== undefined && !conforms(sub, item)) return false;
    }
  }
  if (s.items !== undefined && Array.isArray(data) && !data.every((item) => conforms(s.items, item))) return false;
  return true;
}
