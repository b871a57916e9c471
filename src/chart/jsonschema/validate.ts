// Entry point: validates values against a values.schema.json text as helm 4.1.4 does with
// santhosh-tekuri/jsonschema v6, returning helm's error text ('' when the values conform).
// The schema is interpreted, not compiled: only the parts the values reach are looked at.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { goJsonUnmarshal } from '../../codec/go-json-decode.ts';
import { goPathError } from '../../gofmt/path-error.ts';
import { loadFailed, SchemaCompileError } from './compile-errors.ts';
import { renderFailures } from './errors.ts';
import { groupKind } from './error-kinds.ts';
import { Frame } from './frame.ts';
import { invalidPatternReport } from './metaschema-patterns.ts';
import { resolveReachableRefs } from './ref-preflight.ts';
import { SchemaDocument, type DocumentLoader } from './schema-document.ts';

/** Where helm puts the chart's schema: references resolve against it. */
const schemaUrl = 'file:///values.schema.json';

/** jsonschema.UnmarshalJSON: the document, or Go's error text. */
function parseSchemaJson(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) };
  } catch {
    if (text.trim() === '') return { error: 'EOF' };
    try {
      goJsonUnmarshal(text);
    } catch (err) {
      const message = (err as Error).message;
      // The library reads one value and then rejects whatever follows in its own words.
      return { error: message.includes('after top-level value') ? 'invalid character after top-level value' : message };
    }
    return { error: 'invalid JSON' };
  }
}

/** Other documents a schema refers to, loaded once per validation. */
function documentLoader(): DocumentLoader {
  const docs = new Map<string, SchemaDocument>();
  const load: DocumentLoader = (url) => {
    let doc = docs.get(url);
    if (doc) return doc;
    const text = readDocument(url);
    const parsed = parseSchemaJson(text);
    if ('error' in parsed) throw loadFailed(url, parsed.error);
    doc = new SchemaDocument(url, parsed.value, text, load);
    const invalid = invalidPatternReport(url, parsed.value, text, doc.root.draft);
    if (invalid !== undefined) throw new SchemaCompileError(invalid);
    docs.set(url, doc);
    return doc;
  };
  return load;
}

/** helm's loaders: files, and urn: references taken as an always-true schema. */
function readDocument(url: string): string {
  if (url.startsWith('urn:')) return 'true';
  if (url.startsWith('file:')) {
    const path = fileURLToPath(url);
    try {
      return readFileSync(path, 'utf8');
    } catch (err) {
      throw loadFailed(url, goPathError('open', path, err));
    }
  }
  // helm fetches http(s) references; this validator does not go to the network.
  throw loadFailed(url, `remote schemas are not fetched (${url.split(':')[0]})`);
}

/**
 * helm's ValidateAgainstSingleSchema: '' when the values conform, else its error text — the
 * failures with a final newline, or the schema's own problem (bad JSON, unresolvable $ref).
 */
export function validateValues(values: unknown, schemaText: string): string {
  const parsed = parseSchemaJson(schemaText);
  if ('error' in parsed) return parsed.error;
  try {
    const doc = new SchemaDocument(schemaUrl, parsed.value, schemaText, documentLoader());
    const invalid = invalidPatternReport(schemaUrl, parsed.value, schemaText, doc.root.draft);
    if (invalid !== undefined) return invalid;
    if (/"\$(?:ref|recursiveRef|dynamicRef)"/.test(schemaText)) resolveReachableRefs(doc.root);
    const err = Frame.root(doc.root, values).run();
    if (!err) return '';
    return renderFailures(err.kind === groupKind ? err.causes : [err]);
  } catch (err) {
    if (err instanceof SchemaCompileError) return err.message;
    throw err;
  }
}
