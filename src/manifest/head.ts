// Reads the head of a YAML document (apiVersion, kind, metadata name and annotations) the way
// Helm's manifest sorter does with sigs.k8s.io/yaml: go-yaml's parse and error messages, and
// scalars accepted where strings are expected (a weight written as `5` reads as "5").
import { yamlToGo } from '../codec/yaml-values.ts';
import { isGoMap, type GoMap, type GoValue } from '../govalue/types.ts';

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

/**
 * A document decoded as sigs.k8s.io/yaml does, keeping only what a head reads (a mapping's
 * apiVersion, kind and metadata name and annotations). Helm decodes each rendered document
 * once; here the render's YAML check and the sorter both ask, so the answer is kept by text.
 * Throws YamlToJsonError as yamlToGo does.
 */
export function decodeManifestHead(doc: string): GoValue {
  const known = decodedHeads.get(doc);
  if (known !== undefined) return known;
  const root = yamlToGo(doc);
  const kept = isGoMap(root) ? headFields(root) : Array.isArray(root) ? [] : root;
  if (decodedHeads.size >= decodedHeadsLimit) decodedHeads.clear();
  decodedHeads.set(doc, kept);
  return kept;
}

const decodedHeads = new Map<string, GoValue>();
const decodedHeadsLimit = 8192;
/** Drops every decoded head (after the executable's snapshot warm-up, scripts/snapshot-entry.ts). */
export const forgetDecodedHeads = () => decodedHeads.clear();

function headFields(root: GoMap): GoMap {
  const kept: GoMap = {};
  for (const key of ['apiVersion', 'kind'] as const) if (Object.hasOwn(root, key)) kept[key] = root[key];
  if (isGoMap(root.metadata)) {
    const metadata: GoMap = {};
    if (Object.hasOwn(root.metadata, 'name')) metadata.name = root.metadata.name;
    if (Object.hasOwn(root.metadata, 'annotations')) metadata.annotations = root.metadata.annotations;
    kept.metadata = metadata;
  } else if (Object.hasOwn(root, 'metadata')) kept.metadata = root.metadata;
  return kept;
}

/** Parses one document's head; throws ManifestParseError naming the template file on invalid YAML. */
export function readManifestHead(doc: string, templatePath: string): ManifestHead {
  let root: GoValue;
  try {
    root = decodeManifestHead(doc);
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
