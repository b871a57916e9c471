// Chart.yaml (and requirements.yaml / Chart.lock) decoding and validation as Helm's
// chart.Metadata: scalars coerce to the Go field's type the way sigs.k8s.io/yaml does,
// wrong shapes fail with Go's JSON error text, and Validate()'s messages are Helm's.
import { yamlToGo } from '../codec/yaml-values.ts';
import { SemverVersion } from '../funcs/semver.ts';
import { goQuote, isPrint } from '../gofmt/strconv.ts';
import { isGoMap, type GoValue } from '../govalue/types.ts';
import { ChartLoadError, type ChartDependency, type ChartLock, type ChartMaintainer, type ChartMetadata } from './types.ts';

export const API_VERSION_V1 = 'v1';

export function emptyMetadata(): ChartMetadata {
  return {
    name: '', home: '', sources: [], version: '', description: '', keywords: [], maintainers: [], icon: '',
    apiVersion: '', condition: '', tags: '', appVersion: '', deprecated: false, annotations: {},
    kubeVersion: '', dependencies: [], type: '',
  };
}

/** Parses a YAML document of a Go struct; `file` names it in errors ("Chart.yaml"). */
export function parseStructYaml(text: string, file: string): Record<string, unknown> {
  let value: GoValue;
  try {
    value = yamlToGo(text);
  } catch (err) {
    throw new ChartLoadError(`cannot load ${file}: ${(err as Error).message}`);
  }
  if (value === null) return {};
  if (!isGoMap(value)) {
    throw new ChartLoadError(`cannot load ${file}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(value)} into Go value of type chart.Metadata`);
  }
  return value;
}

/** Fills `md` from a decoded Chart.yaml or requirements.yaml (fields present overwrite). */
export function decodeMetadataInto(md: ChartMetadata, raw: Record<string, unknown>, file: string): void {
  const f = new FieldDecoder(file, 'Metadata');
  for (const [key, value] of Object.entries(raw)) {
    switch (key) {
      case 'name': case 'home': case 'version': case 'description': case 'icon': case 'apiVersion':
      case 'condition': case 'tags': case 'appVersion': case 'kubeVersion': case 'type':
        md[key] = f.string(key, value);
        break;
      case 'sources': case 'keywords':
        md[key] = f.list(key, value, (v) => f.string(key, v));
        break;
      case 'deprecated':
        md.deprecated = f.bool(key, value);
        break;
      case 'annotations':
        md.annotations = f.stringMap(key, value);
        break;
      case 'maintainers':
        md.maintainers = f.list(key, value, (v) => decodeMaintainer(v, f));
        break;
      case 'dependencies':
        md.dependencies = f.list(key, value, (v) => decodeDependency(v, f));
        break;
    }
  }
}

export function decodeLock(raw: Record<string, unknown>, file: string): ChartLock {
  const f = new FieldDecoder(file, 'Lock');
  const generated = raw.generated instanceof Date ? raw.generated.toISOString() : f.string('generated', raw.generated);
  return {
    generated,
    digest: f.string('digest', raw.digest),
    dependencies: f.list('dependencies', raw.dependencies, (v) => decodeDependency(v, f)),
  };
}

// A nil entry stays null so that Validate() can report it as Helm does.
function decodeMaintainer(value: unknown, f: FieldDecoder): ChartMaintainer {
  if (value === null) return null as unknown as ChartMaintainer;
  const m = f.object('maintainers', value);
  return { name: f.string('maintainers.name', m.name), email: f.string('maintainers.email', m.email), url: f.string('maintainers.url', m.url) };
}

function decodeDependency(value: unknown, f: FieldDecoder): ChartDependency {
  if (value === null) return null as unknown as ChartDependency;
  const d = f.object('dependencies', value);
  return {
    name: f.string('dependencies.name', d.name),
    version: f.string('dependencies.version', d.version),
    repository: f.string('dependencies.repository', d.repository),
    condition: f.string('dependencies.condition', d.condition),
    tags: f.list('dependencies.tags', d.tags, (v) => f.string('dependencies.tags', v)),
    enabled: f.bool('dependencies.enabled', d.enabled),
    importValues: f.list('dependencies.import-values', d['import-values'], (v) => v as GoValue),
    alias: f.string('dependencies.alias', d.alias),
  };
}

/** Converts decoded YAML to Go field types with encoding/json's error text. */
class FieldDecoder {
  readonly file: string;
  readonly struct: string;
  constructor(file: string, struct: string) {
    this.file = file;
    this.struct = struct;
  }

  fail(field: string, value: unknown, goType: string): never {
    throw new ChartLoadError(
      `cannot load ${this.file}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(value)} into Go struct field ${this.struct}.${field} of type ${goType}`,
    );
  }

  // sigs.k8s.io/yaml turns YAML scalars into strings when the Go field is a string.
  string(field: string, value: unknown): string {
    if (value === undefined || value === null) return '';
    if (typeof value === 'string') return value;
    if (typeof value === 'boolean') return String(value);
    if (typeof value === 'number') return formatYamlNumberAsString(value);
    if (value instanceof Date) return value.toISOString().replace('.000Z', 'Z');
    return this.fail(field, value, 'string');
  }

  bool(field: string, value: unknown): boolean {
    if (value === undefined || value === null) return false;
    if (typeof value === 'boolean') return value;
    return this.fail(field, value, 'bool');
  }

  list<T>(field: string, value: unknown, item: (v: unknown) => T): T[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) return this.fail(field, value, field === 'maintainers' || field.endsWith('dependencies') ? `[]*chart.${field === 'maintainers' ? 'Maintainer' : 'Dependency'}` : '[]string');
    return value.map(item);
  }

  object(field: string, value: unknown): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return this.fail(field, value, field === 'maintainers' ? 'chart.Maintainer' : 'chart.Dependency');
    }
    return value as Record<string, unknown>;
  }

  stringMap(field: string, value: unknown): Record<string, string> {
    if (value === undefined || value === null) return {};
    if (typeof value !== 'object' || Array.isArray(value)) return this.fail(field, value, 'map[string]string');
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = this.string(field, v);
    return out;
  }
}

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'object';
  return typeof value === 'boolean' ? 'bool' : typeof value;
}

/**
 * sigs.k8s.io/yaml formats a YAML float destined for a string field with
 * strconv.FormatFloat(f, 'g', -1, 32): shortest float32 digits ("1.10" becomes "1.1").
 */
export function formatYamlNumberAsString(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 2 ** 53) return String(n);
  const target = Math.fround(n);
  let digits = n.toPrecision(1);
  for (let p = 1; p <= 9; p++) {
    digits = n.toPrecision(p);
    if (Math.fround(Number(digits)) === target) break;
  }
  const [mantissa, expPart] = Number(digits).toExponential().split('e');
  const exp = Number(expPart);
  const precision = mantissa.replace('-', '').replace('.', '').length;
  if (exp < -4 || exp >= Math.max(precision, 21)) {
    return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(Number(digits));
}

/** Chart.Validate(): Helm's checks, in Helm's order, with its messages. */
export function validateMetadata(md: ChartMetadata): void {
  md.name = sanitize(md.name);
  md.description = sanitize(md.description);
  md.home = sanitize(md.home);
  md.icon = sanitize(md.icon);
  md.condition = sanitize(md.condition);
  md.tags = sanitize(md.tags);
  md.appVersion = sanitize(md.appVersion);
  md.kubeVersion = sanitize(md.kubeVersion);
  md.sources = md.sources.map(sanitize);
  md.keywords = md.keywords.map(sanitize);
  if (md.apiVersion === '') throw validation('chart.metadata.apiVersion is required');
  if (md.name === '') throw validation('chart.metadata.name is required');
  if (md.name !== goBase(md.name)) throw validation(`chart.metadata.name ${goQuote(md.name)} is invalid`);
  if (md.version === '') throw validation('chart.metadata.version is required');
  if (!isValidSemver(md.version)) throw validation(`chart.metadata.version ${goQuote(md.version)} is invalid`);
  if (!['', 'application', 'library'].includes(md.type)) throw validation('chart.metadata.type must be application or library');
  for (const m of md.maintainers) {
    if (m === null) throw validation('maintainers must not contain empty or null nodes');
    m.name = sanitize(m.name);
    m.email = sanitize(m.email);
    m.url = sanitize(m.url);
  }
  const seen = new Set<string>();
  for (const d of md.dependencies) {
    if (d === null) throw validation('dependencies must not contain empty or null nodes');
    d.name = sanitize(d.name);
    d.version = sanitize(d.version);
    d.repository = sanitize(d.repository);
    d.condition = sanitize(d.condition);
    d.tags = d.tags.map(sanitize);
    if (d.alias !== '' && !/^[a-zA-Z0-9_-]+$/.test(d.alias)) {
      throw validation(`dependency ${goQuote(d.name)} has disallowed characters in the alias`);
    }
    const key = d.alias !== '' ? d.alias : d.name;
    if (seen.has(key)) {
      throw validation(`more than one dependency with name or alias ${goQuote(key)}`);
    }
    seen.add(key);
  }
}

function validation(message: string): ChartLoadError {
  return new ChartLoadError(`validation: ${message}`);
}

export function isValidSemver(version: string): boolean {
  try {
    SemverVersion.parse(version);
    return true;
  } catch {
    return false;
  }
}

/** Helm maps whitespace to ' ' and drops non-printable characters. */
function sanitize(s: string): string {
  let out = '';
  for (const ch of s) {
    if (/\s/u.test(ch)) out += ' ';
    else if (isPrint(ch.codePointAt(0)!)) out += ch;
  }
  return out;
}

function goBase(name: string): string {
  const trimmed = name.replace(/\/+$/, '');
  if (trimmed === '') return name === '' ? '.' : '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}
