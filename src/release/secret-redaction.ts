// Keeps chart secrets out of everything Hookline prints: Secret data is masked structurally
// (manifest/secret-mask.ts), and the secret strings a process has seen (Secret values, hook
// environment values) are replaced wherever they reach free text.
import { parse as parseYaml } from 'yaml';
import { isGoMap } from '../govalue/types.ts';
import { isObj, isSecret, maskDocumentSecrets, maskManifestSecrets, secretValues } from '../manifest/secret-mask.ts';
import { splitManifests } from '../manifest/split.ts';
import type { Release } from './record.ts';
import type { ReleaseDriver } from '../storage/driver.ts';

/** What replaces a secret string inside free text (errors, log lines, descriptions). */
export const redactedMarker = '[REDACTED]';

// Shorter strings ("1", "yes") are too common to replace in free text without garbling it;
// structural masking still hides them in Secret objects.
const minRedactedLength = 4;

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
      // Maps only: Go values (GoInteger and the like) pass through whole.
      if (isGoMap(v)) return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, walk(item, k)]));
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
