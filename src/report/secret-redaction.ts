// Keeps chart secrets out of everything Hookline prints: Secret data (data and stringData) is
// masked structurally the way helm-diff masks it, and the secret strings a process has seen
// (Secret values, hook environment values) are replaced wherever they reach free text.
import { parse as parseYaml, stringify as yamlText } from 'yaml';
import { splitManifests } from '../manifest/split.ts';
import type { Release } from '../release/record.ts';
import type { ReleaseDriver } from '../storage/driver.ts';

/** What replaces a secret string inside free text (errors, log lines, descriptions). */
export const redactedMarker = '[REDACTED]';

// Shorter strings ("1", "yes") are too common to replace in free text without garbling it;
// structural masking still hides them in Secret objects.
const minRedactedLength = 4;

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A Secret's values as bytes: data (base64) merged with stringData (plain), as the API server merges them. */
function secretValues(secret: Obj): Map<string, Buffer> {
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

// Every `env` list inside an object (containers, initContainers, ephemeralContainers at any depth).
function envValues(node: unknown, out: string[]): void {
  if (Array.isArray(node)) {
    for (const item of node) envValues(item, out);
  } else if (isObj(node)) {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'env' && Array.isArray(v)) {
        for (const e of v) if (isObj(e) && typeof e.value === 'string') out.push(e.value);
      } else {
        envValues(v, out);
      }
    }
  }
}

function parsedDocuments(manifest: string | undefined): unknown[] {
  const objects: unknown[] = [];
  for (const doc of splitManifests(manifest ?? '')) {
    try {
      objects.push(parseYaml(doc, { version: '1.1' }));
    } catch {
      // Unparseable documents carry no object the cluster accepted.
    }
  }
  return objects;
}

// Keys of events and releases that name things rather than carry content: never rewritten, so
// that progress still says which hook or object an event is about.
const identifierKeys = new Set(['type', 'action', 'release', 'namespace', 'name', 'kind', 'path', 'event', 'verb', 'status', 'phase', 'policy', 'pod', 'container', 'weight', 'revision', 'at']);

/** The secret strings seen so far, and their replacement in text and in printed values. */
export class SecretRedactor {
  private readonly secrets = new Set<string>();
  private ordered: string[] | undefined;

  /** Adds one secret string (and, for a multi-line one, each of its longer lines). */
  add(value: string): void {
    const candidates = [value, ...(value.includes('\n') ? value.split(/\r?\n/) : [])];
    for (const c of candidates) {
      if (c.trim().length >= minRedactedLength && !this.secrets.has(c)) {
        this.secrets.add(c);
        this.ordered = undefined;
      }
    }
  }

  /** Secret data of every Secret in a manifest, in both plain and base64 form. */
  addManifest(manifest: string | undefined): void {
    for (const obj of parsedDocuments(manifest)) {
      if (!isSecret(obj)) continue;
      for (const bytes of secretValues(obj).values()) {
        this.add(bytes.toString('utf8'));
        this.add(bytes.toString('base64'));
      }
    }
  }

  /** A release's Secret data (resources and hooks) and its hooks' environment values. */
  addRelease(release: Pick<Release, 'manifest' | 'hooks'>): void {
    this.addManifest(release.manifest);
    for (const hook of release.hooks ?? []) {
      this.addManifest(hook.manifest);
      const env: string[] = [];
      for (const obj of parsedDocuments(hook.manifest)) envValues(obj, env);
      for (const value of env) this.add(value);
    }
  }

  /** The secret strings seen so far, longest first, so that a secret containing another is replaced whole. */
  strings(): readonly string[] {
    this.ordered ??= [...this.secrets].sort((a, b) => b.length - a.length);
    return this.ordered;
  }

  redact(text: string): string {
    if (this.secrets.size === 0 || text === '') return text;
    let out = text;
    for (const secret of this.strings()) if (out.includes(secret)) out = out.split(secret).join(redactedMarker);
    return out;
  }

  /** A copy of a value with every string redacted (except, with keepIdentifiers, the fields that only name things). */
  redactFields<T>(value: T, keepIdentifiers = true): T {
    const walk = (v: unknown, key?: string): unknown => {
      if (typeof v === 'string') return keepIdentifiers && key !== undefined && identifierKeys.has(key) ? v : this.redact(v);
      if (Array.isArray(v)) return v.map((item) => walk(item));
      if (isObj(v)) return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, walk(item, k)]));
      return v;
    };
    return walk(value) as T;
  }

  /** A release as it may be printed (-o json/yaml): Secrets masked, secret strings redacted in values, notes and hooks. */
  printableRelease(release: Release): Release {
    this.addRelease(release);
    return {
      ...release,
      info: { ...release.info, description: release.info.description && this.redact(release.info.description), notes: release.info.notes && this.redact(release.info.notes) },
      manifest: maskManifestSecrets(release.manifest),
      hooks: release.hooks?.map((h) => ({ ...h, manifest: h.manifest && this.redact(maskDocumentSecrets(h.manifest)) })),
      config: release.config && this.redactFields(release.config, false),
      chart: release.chart && { ...release.chart, values: release.chart.values && this.redactFields(release.chart.values, false) },
    };
  }
}

/** The secrets this process has seen in releases it read or wrote; everything it prints passes through it. */
export const processRedactor = new SecretRedactor();

/** A driver that shows every release it reads or writes to `seen` (to learn their secrets) before handing it on. */
export function observeReleases(driver: ReleaseDriver, seen: (release: Release) => void): ReleaseDriver {
  const tap = (release: Release) => {
    seen(release);
    return release;
  };
  return {
    name: driver.name,
    get: async (key) => tap(await driver.get(key)),
    query: async (labels) => (await driver.query(labels)).map(tap),
    create: (key, release) => driver.create(key, tap(release)),
    update: (key, release) => driver.update(key, tap(release)),
    delete: async (key) => tap(await driver.delete(key)),
  };
}
