// A chart repository's index.yaml as helm's repo.IndexFile: loading (JSON or YAML, invalid
// entries skipped with helm's warning, versions sorted newest first), version lookup with
// Masterminds semver constraints, and encoding as helm writes it (sigs.k8s.io/yaml).
import { marshalYaml } from '../codec/goyaml-emit.ts';
import { yamlToGo } from '../codec/yaml-values.ts';
import { SemverConstraint, SemverVersion } from '../funcs/semver.ts';
import type { GoValue } from '../govalue/types.ts';
import { timestampNow } from '../gotime/timestamps.ts';
import { decodeMetadataInto, emptyMetadata, validateMetadata, API_VERSION_V1 } from '../chart/metadata.ts';
import type { ChartMetadata } from '../chart/types.ts';
import { encodeMetadata, omitEmpty } from '../chart/metadata-json.ts';

/** One version of one chart in an index: its Chart.yaml plus where to download it. */
export interface ChartVersion {
  metadata: ChartMetadata;
  urls: string[];
  created: string;
  removed: boolean;
  digest: string;
  /** Fields of old indexes that helm keeps when it rewrites them. */
  legacy: { checksum?: string; engine?: string; tillerVersion?: string; url?: string };
}

export interface IndexFile {
  apiVersion: string;
  generated: string;
  entries: Map<string, ChartVersion[]>;
  serverInfo?: Record<string, unknown>;
  publicKeys: string[];
  annotations?: Record<string, string>;
}

export type IndexWarn = (message: string, attrs?: Record<string, string>) => void;

// Go's slog text handler quotes a value only when it needs it.
const slogValue = (v: string) => (v === '' || /[\s"=\\]/.test(v) ? JSON.stringify(v) : v);

/** helm's default logger line: level=WARN msg="..." key=value ... */
export const warnToStderr: IndexWarn = (message, attrs = {}) => {
  const extra = Object.entries(attrs).map(([k, v]) => ` ${k}=${slogValue(v)}`).join('');
  process.stderr.write(`level=WARN msg=${JSON.stringify(message)}${extra}\n`);
};

export function newIndexFile(): IndexFile {
  return { apiVersion: API_VERSION_V1, generated: timestampNow(), entries: new Map(), publicKeys: [] };
}

/** Newest first, as helm's sort.Reverse(ChartVersions); unparsable versions sort last. */
function sortVersions(versions: ChartVersion[]): void {
  const parsed = new Map(versions.map((v) => [v, SemverVersion.tryParse(v.metadata.version)]));
  versions.sort((a, b) => {
    const va = parsed.get(a);
    const vb = parsed.get(b);
    if (!va || !vb) return va ? -1 : vb ? 1 : 0;
    return vb.compare(va);
  });
}

function stringField(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

function decodeChartVersion(raw: Record<string, unknown>, source: string): ChartVersion {
  const metadata = emptyMetadata();
  decodeMetadataInto(metadata, raw, source);
  const urls = Array.isArray(raw.urls) ? raw.urls.map(stringField) : [];
  const legacy: ChartVersion['legacy'] = {};
  for (const key of ['checksum', 'engine', 'tillerVersion', 'url'] as const) if (raw[key] !== undefined) legacy[key] = stringField(raw[key]);
  return { metadata, urls, created: stringField(raw.created), removed: raw.removed === true, digest: stringField(raw.digest), legacy };
}

/** Parses index data; `source` (a path or URL) names it in warnings and errors. */
export function parseIndex(data: Uint8Array, source: string, warn: IndexWarn = warnToStderr): IndexFile {
  if (data.length === 0) throw new Error('empty index.yaml file');
  const text = Buffer.from(data).toString('utf8');
  let raw: GoValue;
  try {
    raw = JSON.parse(text) as GoValue;
  } catch {
    raw = yamlToGo(text);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new Error('error unmarshaling JSON: json: cannot unmarshal into Go value of type repo.IndexFile');
  }
  const doc = raw as Record<string, unknown>;
  const index: IndexFile = {
    apiVersion: stringField(doc.apiVersion), generated: stringField(doc.generated), entries: new Map(),
    publicKeys: Array.isArray(doc.publicKeys) ? doc.publicKeys.map(stringField) : [],
  };
  if (doc.serverInfo && typeof doc.serverInfo === 'object') index.serverInfo = doc.serverInfo as Record<string, unknown>;
  if (doc.annotations && typeof doc.annotations === 'object') index.annotations = doc.annotations as Record<string, string>;
  const entries = (doc.entries ?? {}) as Record<string, unknown>;
  if (typeof entries !== 'object' || Array.isArray(entries)) throw new Error('error unmarshaling JSON: json: cannot unmarshal entries of repo.IndexFile: expected a map of chart names');
  for (const [name, list] of Object.entries(entries)) {
    const versions: ChartVersion[] = [];
    for (const item of Array.isArray(list) ? list : []) {
      if (item === null || typeof item !== 'object') {
        warn(`skipping loading invalid entry for chart ${JSON.stringify(name)} from ${source}: empty entry`);
        continue;
      }
      const cv = decodeChartVersion(item as Record<string, unknown>, source);
      if (cv.metadata.apiVersion === '') cv.metadata.apiVersion = API_VERSION_V1;
      try {
        validateMetadata(cv.metadata);
      } catch (err) {
        // helm tolerates duplicate dependency names in an index, as older helm wrote them.
        if (!(err as Error).message.startsWith('validation: more than one dependency with name or alias')) {
          warn(`skipping loading invalid entry for chart ${JSON.stringify(name)} ${JSON.stringify(cv.metadata.version)} from ${source}: ${(err as Error).message}`);
          continue;
        }
      }
      versions.push(cv);
    }
    sortVersions(versions);
    index.entries.set(name, versions);
  }
  if (index.apiVersion === '') throw new Error('no API version specified');
  return index;
}

/** The version of `name` that `constraint` selects (the newest when empty), as helm's IndexFile.Get. */
export function findChartVersion(index: IndexFile, name: string, constraint: string, warn: IndexWarn = warnToStderr): ChartVersion {
  const versions = index.entries.get(name);
  if (!versions) throw new Error('no chart name found');
  if (versions.length === 0) throw new Error('no chart version found');
  const exact = constraint !== '' ? versions.find((v) => v.metadata.version === constraint) : undefined;
  if (exact) return exact;
  const parsed = new SemverConstraint(constraint === '' ? '*' : constraint);
  for (const v of versions) {
    const version = SemverVersion.tryParse(v.metadata.version);
    if (version && parsed.check(version)) {
      if (constraint !== '') {
        warn('unable to find exact version requested; falling back to closest available version', { chart: name, requested: constraint, selected: v.metadata.version });
      }
      return v;
    }
  }
  throw new Error(`no chart version found for ${name}-${constraint}`);
}

/** Adds versions of `other` that `index` lacks (helm's IndexFile.Merge). */
export function mergeIndex(index: IndexFile, other: IndexFile): void {
  for (const versions of other.entries.values()) {
    for (const v of versions) {
      const existing = index.entries.get(v.metadata.name) ?? [];
      const has = existing.some((e) => e.metadata.version === v.metadata.version);
      if (!has) index.entries.set(v.metadata.name, [...existing, v]);
    }
  }
}

function encodeChartVersion(v: ChartVersion): Record<string, GoValue> {
  // Go's time.Time has no "empty": an entry without created gets the zero time.
  return {
    ...encodeMetadata(v.metadata), urls: v.urls, created: v.created || '0001-01-01T00:00:00Z',
    ...omitEmpty({ removed: v.removed, digest: v.digest, ...v.legacy }),
  };
}

// repo.IndexFile's fields in struct order.
function indexDocument(index: IndexFile): Record<string, GoValue> {
  const entries: Record<string, GoValue> = {};
  for (const name of [...index.entries.keys()].sort()) entries[name] = index.entries.get(name)!.map(encodeChartVersion);
  return {
    ...omitEmpty({ serverInfo: index.serverInfo }), apiVersion: index.apiVersion, generated: index.generated, entries,
    ...omitEmpty({ publicKeys: index.publicKeys, annotations: index.annotations }),
  };
}

/** index.yaml text exactly as helm's IndexFile.WriteFile writes it. */
export function encodeIndex(index: IndexFile): string {
  return marshalYaml(indexDocument(index) as GoValue);
}

/** The index as helm's WriteJSONFile writes it (json.MarshalIndent, two spaces, no final newline). */
export function encodeIndexJson(index: IndexFile): string {
  return JSON.stringify(indexDocument(index), null, 2).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

/** Every chart's versions newest first (helm's SortEntries). */
export function sortIndexEntries(index: IndexFile): void {
  for (const versions of index.entries.values()) sortVersions(versions);
}
