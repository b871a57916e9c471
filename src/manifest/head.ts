// Reads the head of a YAML document (apiVersion, kind, metadata name and annotations) the way
// Helm's manifest sorter does with sigs.k8s.io/yaml: go-yaml's parse and error messages, and
// scalars accepted where strings are expected (a weight written as `5` reads as "5").
import { yamlToGo } from '../codec/yaml-values.ts';
import { isGoMap, type GoValue } from '../govalue/types.ts';

export interface ManifestHead {
  apiVersion: string;
  kind: string;
  name: string;
  annotations: Record<string, string>;
}

export class ManifestParseError extends Error {}

function text(v: GoValue | undefined): string {
  return v === undefined || v === null || typeof v === 'object' ? '' : String(v);
}

/** Parses one document's head; throws ManifestParseError naming the template file on invalid YAML. */
export function readManifestHead(doc: string, templatePath: string): ManifestHead {
  let root: GoValue;
  try {
    root = yamlToGo(doc);
  } catch (err) {
    throw new ManifestParseError(`YAML parse error on ${templatePath}: ${(err as Error).message}`);
  }
  const obj = isGoMap(root) ? root : {};
  const metadata = isGoMap(obj.metadata) ? obj.metadata : {};
  const annotations: Record<string, string> = {};
  if (isGoMap(metadata.annotations)) {
    for (const [k, v] of Object.entries(metadata.annotations)) annotations[k] = text(v);
  }
  return { apiVersion: text(obj.apiVersion), kind: text(obj.kind), name: text(metadata.name), annotations };
}
