// Reads values YAML as Helm's loader.LoadValues does: a stream of documents split on
// '---' lines, each a map (numbers are float64), merged in order with later documents
// winning and nested maps merged.
import { parseDocument } from 'yaml';
import { isGoMap, type GoMap, type GoValue } from '../template/gotypes.ts';

/** Parses a values file (chart values.yaml or a -f file); throws naming `source`. */
export function loadValuesYaml(text: string, source: string): GoMap {
  let values: GoMap = {};
  for (const doc of splitYamlDocuments(text)) {
    let parsed: GoValue;
    try {
      parsed = parseValuesDocument(doc, source);
    } catch (err) {
      throw new Error(`cannot unmarshal yaml document: ${(err as Error).message}`);
    }
    if (parsed === null) continue;
    if (!isGoMap(parsed)) {
      throw new Error(`cannot unmarshal yaml document: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${Array.isArray(parsed) ? 'array' : typeof parsed === 'string' ? 'string' : typeof parsed === 'boolean' ? 'bool' : 'number'} into Go value of type map[string]interface {}`);
    }
    values = mergeMaps(values, parsed);
  }
  return values;
}

/** k8s.io's YAMLReader: a line starting with '---' followed by nothing or a comment ends a document. */
export function splitYamlDocuments(text: string): string[] {
  const docs: string[] = [];
  let current = '';
  for (const line of text.split(/(?<=\n)/)) {
    if (line.startsWith('---')) {
      const rest = line.slice(3).trim();
      if (rest === '' || rest.startsWith('#')) {
        if (current !== '') docs.push(current);
        current = '';
        continue;
      }
    }
    current += line;
  }
  if (current !== '') docs.push(current);
  return docs;
}

/** Deep merge of maps; for any other value the one from `b` wins (Helm's MergeMaps). */
export function mergeMaps(a: GoMap, b: GoMap): GoMap {
  const out: GoMap = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const existing = out[key];
    out[key] = isGoMap(value) && isGoMap(existing) ? mergeMaps(existing, value) : value;
  }
  return out;
}

// Until src/codec/yaml-values.ts (Go number semantics, YAML 1.1 scalars) lands, values
// are decoded with the yaml package's 1.1 schema and numbers kept as float64.
function parseValuesDocument(text: string, _source: string): GoValue {
  const doc = parseDocument(text, { version: '1.1', uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length > 0) throw new Error(`error converting YAML to JSON: yaml: ${doc.errors[0].message}`);
  return toGoValue(doc.toJS({ maxAliasCount: -1 }));
}

function toGoValue(v: unknown): GoValue {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return v.map(toGoValue);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Map) {
    const out: GoMap = {};
    for (const [k, val] of v) out[String(k)] = toGoValue(val);
    return out;
  }
  if (typeof v === 'object') {
    const out: GoMap = {};
    for (const [k, val] of Object.entries(v as Record<string, unknown>)) out[k] = toGoValue(val);
    return out;
  }
  return v as GoValue;
}
