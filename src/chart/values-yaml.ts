// Reads values YAML as Helm's loader.LoadValues does: a stream of documents split on
// '---' lines, each a map (numbers are float64), merged in order with later documents
// winning and nested maps merged.
import { yamlToGo } from '../codec/yaml-values.ts';
import { isGoMap, type GoMap, type GoValue } from '../govalue/types.ts';

/** Parses a values file (chart values.yaml or a -f file); callers add the file name to errors. */
export function loadValuesYaml(text: string): GoMap {
  let values: GoMap = {};
  for (const doc of splitYamlDocuments(text)) {
    let parsed: GoValue;
    try {
      parsed = yamlToGo(doc);
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
  // Nearly every values file is one document: no line to split on, no copy line by line.
  if (!text.startsWith('---') && !text.includes('\n---')) return text === '' ? [] : [text];
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
