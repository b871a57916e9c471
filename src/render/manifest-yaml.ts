// Helm parses the head of every rendered document with sigs.k8s.io/yaml before sorting; a
// document that is not YAML, or not a mapping, fails with its message, reproduced here.
import { isGoMap } from '../govalue/types.ts';
import { YamlToJsonError } from '../codec/yaml-values.ts';
import { decodeManifestHead } from '../manifest/head.ts';
import { splitManifests } from '../manifest/split.ts';

function jsonTypeOf(value: unknown): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return 'array';
  return 'number';
}

/** The sigs.k8s.io/yaml error for one document, or undefined when it decodes into a head. */
export function manifestYamlError(doc: string): string | undefined {
  let value;
  try {
    value = decodeManifestHead(doc);
  } catch (err) {
    if (err instanceof YamlToJsonError) return err.message;
    throw err;
  }
  if (value === null || isGoMap(value)) return undefined;
  return `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonTypeOf(value)} into Go value of type util.SimpleHead`;
}

/** Throws helm's "YAML parse error on <template>: ..." for the first bad document, files in path order. */
export function checkManifestYaml(files: ReadonlyMap<string, string>): void {
  for (const path of [...files.keys()].sort()) {
    if (path.slice(path.lastIndexOf('/') + 1).startsWith('_')) continue;
    for (const doc of splitManifests(files.get(path)!)) {
      const problem = manifestYamlError(doc);
      if (problem !== undefined) throw new ManifestYamlError(`YAML parse error on ${path}: ${problem}`);
    }
  }
}

export class ManifestYamlError extends Error {}
