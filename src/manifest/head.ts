// Reads the head of a YAML document (apiVersion, kind, metadata name and annotations) the way
// Helm's manifest sorter does with sigs.k8s.io/yaml: scalars are accepted where strings are
// expected (a weight written as `5` reads as "5"), anything else in the document is ignored.
import { parseDocument, isMap, isScalar, type Node } from 'yaml';

export interface ManifestHead {
  apiVersion: string;
  kind: string;
  name: string;
  annotations: Record<string, string>;
}

export class ManifestParseError extends Error {}

function scalarText(node: unknown): string {
  if (!isScalar(node)) return '';
  const v = node.value;
  return v === null || v === undefined ? '' : String(v);
}

function child(map: unknown, key: string): Node | undefined {
  return isMap(map) ? (map.get(key, true) as Node | undefined) : undefined;
}

/** Parses one document's head; throws ManifestParseError naming the template file on invalid YAML. */
export function readManifestHead(doc: string, templatePath: string): ManifestHead {
  const parsed = parseDocument(doc, { version: '1.1', uniqueKeys: false });
  if (parsed.errors.length > 0) {
    throw new ManifestParseError(`YAML parse error on ${templatePath}: ${parsed.errors[0].message}`);
  }
  const root = parsed.contents;
  const metadata = child(root, 'metadata');
  const annotations: Record<string, string> = {};
  const annotationNode = child(metadata, 'annotations');
  if (isMap(annotationNode)) {
    for (const pair of annotationNode.items) {
      annotations[scalarText(pair.key)] = scalarText(pair.value);
    }
  }
  return {
    apiVersion: scalarText(child(root, 'apiVersion')),
    kind: scalarText(child(root, 'kind')),
    name: scalarText(child(metadata, 'name')),
    annotations,
  };
}
