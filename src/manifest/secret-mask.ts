// Secret objects in manifests masked the way helm-diff masks them: every data and stringData
// key shown by its size only, marked as unchanged or changed against the other side.
import { parse as parseYaml, stringify as yamlText } from 'yaml';
import { splitManifests } from './split.ts';

type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A Secret's values as bytes: data (base64) merged with stringData (plain), as the API server merges them. */
export function secretValues(secret: Obj): Map<string, Buffer> {
  const values = new Map<string, Buffer>();
  if (isObj(secret.data)) for (const [k, v] of Object.entries(secret.data)) values.set(k, Buffer.from(String(v ?? ''), 'base64'));
  if (isObj(secret.stringData)) for (const [k, v] of Object.entries(secret.stringData)) values.set(k, Buffer.from(String(v ?? ''), 'utf8'));
  return values;
}

export function isSecret(obj: unknown): obj is Obj {
  return isObj(obj) && obj.kind === 'Secret' && (obj.apiVersion === 'v1' || obj.apiVersion === undefined);
}

/**
 * helm-diff's masking of a Secret pair: every key moves to `data` with its size only; a key whose
 * value is the same on both sides reads "REDACTED", a changed one "--------" (before) and
 * "++++++++" (after). Either side may be absent (created or deleted Secret).
 */
export function maskSecretPair<T>(before: T | undefined, after: T | undefined): [T | undefined, T | undefined] {
  const a = isSecret(before) ? secretValues(before) : undefined;
  const b = isSecret(after) ? secretValues(after) : undefined;
  const mask = (obj: T | undefined, own: Map<string, Buffer> | undefined, other: Map<string, Buffer> | undefined, changed: string): T | undefined => {
    if (!own || !isObj(obj)) return obj;
    const data: Record<string, string> = {};
    for (const [k, v] of own) {
      const same = other?.get(k)?.equals(v) === true;
      data[k] = `${same ? 'REDACTED' : changed} # (${v.length} bytes)`;
    }
    const { stringData: _plain, ...rest } = obj;
    return { ...rest, data } as T;
  };
  return [mask(before, a, b, '--------'), mask(after, b, a, '++++++++')];
}

/** A single object with its Secret data masked (unchanged size-only marks). */
export function maskSecret<T>(obj: T): T {
  return maskSecretPair(obj, obj)[0] as T;
}

/** One manifest document with its Secret data masked; any other document is returned unchanged. */
export function maskDocumentSecrets(doc: string): string {
  let obj: unknown;
  try {
    obj = parseYaml(doc, { version: '1.1' });
  } catch {
    return doc; // not YAML: the API server rejected it, so it never held a stored Secret
  }
  if (!isSecret(obj)) return doc;
  const source = /^# Source: .*$/m.exec(doc)?.[0];
  return `${source ? `${source}\n` : ''}${yamlText(maskSecret(obj)).replace(/\n$/, '')}`;
}

/** A release manifest ("# Source:" documents) with every Secret's data masked. */
export function maskManifestSecrets(manifest: string | undefined): string | undefined {
  if (!manifest) return manifest;
  return splitManifests(manifest).map((d) => `---\n${maskDocumentSecrets(d)}`).join('\n') + '\n';
}
