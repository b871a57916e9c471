// Reads YAML the way Helm reads values files and fromYaml does: sigs.k8s.io/yaml, i.e.
// go-yaml v2 (YAML 1.1 scalars, merge keys) converted through JSON, so numbers end up float64.
import { parseAllDocuments, isAlias, isMap, isPair, isScalar, isSeq, type Alias, type Document, type Node } from 'yaml';
import type { GoMap, GoValue } from '../govalue/types.ts';
import { formatFloat, goQuote } from '../gofmt/strconv.ts';
import { plainScalarValue, resolvePlain } from './yaml-resolve.ts';
import { fastYaml, type RawMap, type RawYaml } from './yaml-fast.ts';
import { goYamlRejects, goYamlSyntaxMessage, goYamlVerdict, libyamlMessage, lineIndexAt, type GoYamlVerdict } from './yaml-errors.ts';
import { fixQuotedContinuation } from './yaml-lenient.ts';


/** The message sigs.k8s.io/yaml gives, without any file name: Helm's fromYaml shows it as is. */
export class YamlToJsonError extends Error {}

/**
 * Parses the first YAML document of `text` into Go values as sigs.k8s.io/yaml.Unmarshal
 * into interface{} does. Throws an Error naming `sourceName` and the YAML line.
 */
export function parseYamlValues(text: string, sourceName: string): GoValue {
  try {
    return yamlToGo(text);
  } catch (err) {
    if (err instanceof YamlToJsonError) throw new Error(`${sourceName}: ${err.message}`, { cause: err });
    throw err;
  }
}

/** Like parseYamlValues but the error message is exactly sigs.k8s.io/yaml's. */
export function yamlToGo(text: string): GoValue {
  return decodeYaml(text, true);
}

/** yamlToGo through the yaml package alone: what the fast reader is checked against. */
export function yamlToGoFullParser(text: string): GoValue {
  return decodeYaml(text, false);
}

/**
 * What go-yaml's reader refuses before parsing: characters outside YAML's printable set (C0
 * controls but tab, CR and LF; DEL; C1 controls but NEL; U+FFFE and U+FFFF). Surrogate pairs
 * (in the allowed range) stand for characters past U+FFFF, which are printable.
 */
const NOT_PRINTABLE = /[^\t\n\r\x20-\x7e\x85\xa0-\ufffd]/;

function decodeYaml(text: string, fast: boolean): GoValue {
  if (NOT_PRINTABLE.test(text)) throw new YamlToJsonError('error converting YAML to JSON: yaml: control characters are not allowed');
  // Most YAML takes the fast reader; what it does not handle goes through the yaml package.
  const raw = fast ? fastYaml(text) : undefined;
  let first: Document | undefined;
  if (raw === undefined) {
    first = parseFirstDocument(text);
    if (!first) return null;
  }
  try {
    return toJsonable(raw !== undefined ? raw : decodeNode(first!.contents, first!));
  } catch (err) {
    // go-yaml parses the whole document before decoding it, so a syntax error (or an alias to no
    // anchor) that the `yaml` package let through comes first.
    const message = libyamlMessage(text) ?? (err as Error).message;
    throw new YamlToJsonError(`error converting YAML to JSON: ${message}`);
  }
}

/**
 * The first document as go-yaml reads it. Where the `yaml` package and libyaml disagree, go-yaml's
 * verdict (from the libyaml port) decides: its error, or only the part of the text it reads.
 * Otherwise the retry is libyaml's leniency for under-indented quoted scalars.
 */
function parseFirstDocument(text: string): Document | undefined {
  let verdict: GoYamlVerdict | undefined;
  const goYaml = () => (verdict ??= goYamlVerdict(text));
  const fail = (message: string) => new YamlToJsonError(`error converting YAML to JSON: ${message}`);
  // YAML 1.1 (libyaml) reads NEL as a line feed; the `yaml` package would keep it as text.
  const unfixed = text.replaceAll('\u0085', '\n');
  let source = unfixed;
  for (;;) {
    const documents = parseAllDocuments(source, { schema: 'failsafe', version: '1.1', uniqueKeys: false, prettyErrors: false });
    const first = Array.isArray(documents) ? documents[0] : undefined;
    if (!first || first.errors.length === 0) {
      // A text with no document is short to check; others only where the packages differ.
      const message = first ? goYamlRejects(text) : goYaml().message;
      if (message !== undefined) throw fail(message);
      return first;
    }
    const { message } = goYaml();
    if (message !== undefined) throw fail(message);
    // go-yaml stops at the end of the root node and never reads what follows it.
    const readTo = (verdict as { readTo: number }).readTo;
    if (source === unfixed && readTo < source.length) {
      source = source.slice(0, readTo);
      continue;
    }
    const error = first.errors[0];
    const fixed = error.code === 'MISSING_CHAR'
      ? fixQuotedContinuation(source, lineIndexAt(source, error.pos[0]))
      : undefined;
    if (fixed === undefined) throw fail(goYamlSyntaxMessage(error, text));
    source = fixed;
  }
}

const TAG = 'tag:yaml.org,2002:';

/** An anchor's name as libyaml scans it; the `yaml` package takes more characters into one. */
const LIBYAML_ANCHOR_NAME = /^[\w-]+$/;

/** Refuses a name go-yaml would have ended sooner (the caller then asks go-yaml's port first). */
function checkAnchorName(name: string | undefined): void {
  if (name === undefined || LIBYAML_ANCHOR_NAME.test(name)) return;
  throw new Error(`yaml: the anchor name '${name}' reads otherwise in go-yaml, which ends a name at a character other than a letter, digit, '_' or '-'; rename the anchor or quote the text`);
}

function decodeNode(node: unknown, doc: Document): RawYaml {
  if (node === null || node === undefined) return null;
  if (isAlias(node)) {
    checkAnchorName(node.source);
    return decodeNode(resolveAlias(node, doc), doc);
  }
  checkAnchorName((node as { anchor?: string }).anchor);
  if (isScalar(node)) return decodeScalar(node.value === null ? '' : String(node.value), node.type === 'PLAIN' || node.type === undefined, node.tag);
  if (isSeq(node)) return node.items.map((item) => decodeNode(item, doc));
  if (isMap(node)) {
    const out: RawMap = new Map();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      if (isMergeKey(pair.key)) {
        mergeInto(out, pair.value, doc);
        continue;
      }
      const key = decodeNode(pair.key, doc);
      // Go map keys must be hashable, so go-yaml rejects collections as keys.
      if (key instanceof Map || Array.isArray(key)) throw new Error(`yaml: invalid map key: ${goSyntax(key)}`);
      // Go map keys compare by value, as Map keys do, so a repeated key replaces the earlier value.
      out.set(key, decodeNode(pair.value, doc));
    }
    return out;
  }
  throw new Error(`yaml: unsupported node ${String((node as Node).toString())}`);
}

function resolveAlias(alias: Alias, doc: Document): unknown {
  const target = alias.resolve(doc);
  if (target === undefined) throw new Error(`yaml: unknown anchor '${alias.source}' referenced`);
  return target;
}

/** fmt's %#v of a decoded value, as go-yaml's "invalid map key" error shows it. */
function goSyntax(v: RawYaml): string {
  if (v === null) return 'interface {}(nil)';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return formatFloat(v, 'g', -1);
  if (typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSyntax).join(', ')}}`;
  // fmt prints map entries in sorted key order.
  const entries = [...v].map(([key, value]) => [goSyntax(key), goSyntax(value)]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `map[interface {}]interface {}{${entries.map(([key, value]) => `${key}:${value}`).join(', ')}}`;
}

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && key.value === '<<' && (key.type === 'PLAIN' ? !key.tag : key.tag === `${TAG}merge`);
}

/** go-yaml v2 writes merged keys into the same map, so they overwrite keys written before them. */
function mergeInto(out: RawMap, value: unknown, doc: Document): void {
  const target = isAlias(value) ? resolveAlias(value, doc) : value;
  if (isMap(target)) return copyAll(out, decodeNode(target, doc));
  if (isSeq(target)) {
    // Earlier maps in the list win, so they are applied last.
    for (const item of [...target.items].reverse()) {
      const source = isAlias(item) ? resolveAlias(item, doc) : item;
      if (!isMap(source)) throw new Error('yaml: map merge requires sequence of maps as the value');
      copyAll(out, decodeNode(source, doc));
    }
    return;
  }
  throw new Error('yaml: map merge requires map or sequence of maps as the value');
}

function copyAll(out: RawMap, source: RawYaml): void {
  if (!(source instanceof Map)) return;
  for (const [key, value] of source) out.set(key, value);
}

function decodeScalar(text: string, plain: boolean, tag: string | undefined): RawYaml {
  if (!tag || tag === '!') {
    if (!plain || tag === '!') return text;
    return plainScalarValue(text);
  }
  if (!tag.startsWith(TAG)) return text;
  const resolved = resolvePlain(text);
  switch (tag.slice(TAG.length)) {
    case 'str': return text;
    // Decoded bytes become a Go string; the JSON step turns invalid UTF-8 into U+FFFD, as utf8 decoding does.
    case 'binary': return Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'null': if (resolved.tag === 'null') return null; break;
    case 'bool': if (resolved.tag === 'bool') return resolved.value; break;
    case 'int': if (resolved.tag === 'int') return resolved.value; break;
    case 'float':
      if (resolved.tag === 'float') return resolved.value;
      if (resolved.tag === 'int') return Number(resolved.value);
      break;
    default: return text;
  }
  throw new Error(`yaml: cannot decode !!${resolved.tag} \`${text}\` as a !!${tag.slice(TAG.length)}`);
}

/** sigs.k8s.io's JSON round trip: keys become strings, numbers float64, NaN/Inf are rejected. */
function toJsonable(raw: RawYaml): GoValue {
  if (typeof raw === 'bigint') return Number(raw);
  if (typeof raw === 'number') {
    if (Number.isNaN(raw)) throw new Error('json: unsupported value: NaN');
    if (!Number.isFinite(raw)) throw new Error(`json: unsupported value: ${raw > 0 ? '+Inf' : '-Inf'}`);
    return raw;
  }
  if (Array.isArray(raw)) return raw.map(toJsonable);
  if (raw instanceof Map) {
    const out: GoMap = {};
    for (const [key, value] of raw) {
      Object.defineProperty(out, keyString(key, value), {
        value: toJsonable(value), enumerable: true, writable: true, configurable: true,
      });
    }
    return out;
  }
  return raw;
}

function keyString(key: RawYaml, value: RawYaml): string {
  if (typeof key === 'string') return key;
  if (typeof key === 'bigint') return key.toString();
  if (typeof key === 'boolean') return String(key);
  if (typeof key === 'number') return formatFloat(key, 'g', -1);
  // fmt's %#v: a quoted string, <nil> for no value.
  const shown = typeof value === 'string' ? JSON.stringify(value) : value === null ? '<nil>' : String(value);
  if (key === null) throw new Error(`unsupported map key of type: %!s(<nil>), key: <nil>, value: ${shown}`);
  throw new Error(`unsupported map key of type: ${Array.isArray(key) ? '[]interface {}' : 'map[interface {}]interface {}'}`);
}
