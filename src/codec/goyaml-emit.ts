// Helm's toYaml: sigs.k8s.io/yaml.Marshal, which encodes the value as JSON, reads that JSON
// back with go-yaml v2 and writes it with go-yaml v2's encoder.
import { isGoMap, type GoValue } from '../govalue/types.ts';
import { goJsonFloat, goJsonMarshal, goJsonString, type GoStruct } from './go-json.ts';
import { compareYamlKeys } from './goyaml-key-order.ts';
import { YamlEmitter, type YamlNode } from './goyaml-emitter.ts';
import { floatNode, plainNode, stringNode } from './goyaml-nodes.ts';
import { resolvePlain } from './yaml-resolve.ts';

/** JSON as go-yaml v2 reads it back: objects become maps, numbers int or float64 by their text. */
type JsonYaml = string | boolean | null | bigint | number | JsonYaml[] | { [key: string]: JsonYaml };

/** yaml.Marshal(v) as sigs.k8s.io/yaml does it; throws its error when the value has no JSON form. */
export function marshalYaml(v: GoValue | GoStruct): string {
  const direct = directNode(v);
  return direct !== undefined ? emitter().emitDocument(direct) : marshalYamlRoundTrip(v);
}

const emitter = () => new YamlEmitter({ indent: 2, indentSequencesInMappings: false, width: 80, tabsInBlocks: false });

/** marshalYaml through JSON text, as sigs.k8s.io/yaml does it: what the direct path is checked against. */
export function marshalYamlRoundTrip(v: GoValue | GoStruct): string {
  let json: string;
  try {
    json = goJsonMarshal(v);
  } catch (err) {
    throw new Error(`error marshaling into JSON: ${(err as Error).message}`);
  }
  return emitter().emitDocument(toNode(viaJson(json)));
}

/** Thrown inside directNode for a value the JSON round trip must handle. */
const roundTripNeeded = Symbol('round trip needed');

/**
 * The nodes of maps, lists, strings, bools, ints and finite floats as the JSON round trip
 * would give them, without writing and reading JSON (most of toYaml's time); undefined for
 * anything else (Go structs and objects, bytes, typed ints, lone surrogates, NaN, keys
 * the round trip may reject), which takes the round trip.
 */
function directNode(v: GoValue | GoStruct): YamlNode | undefined {
  try {
    return toNodeDirect(v);
  } catch (err) {
    if (err === roundTripNeeded) return undefined;
    throw err;
  }
}

const loneSurrogate = /[\ud800-\udfff]/;

function toNodeDirect(v: GoValue | GoStruct | undefined): YamlNode {
  if (v === null || v === undefined) return plainNode('null');
  switch (typeof v) {
    case 'boolean': case 'bigint': return plainNode(String(v));
    case 'number': {
      if (!Number.isFinite(v)) throw roundTripNeeded;
      const resolved = resolvePlain(goJsonFloat(v));
      const value = resolved.tag === 'int' || resolved.tag === 'float' ? resolved.value : v;
      return typeof value === 'bigint' ? plainNode(String(value)) : floatNode(value as number);
    }
    case 'string':
      if (loneSurrogate.test(v)) throw roundTripNeeded;
      return stringNode(foldRawLineBreaks(v));
  }
  if (Array.isArray(v)) return { kind: 'sequence', items: v.map(toNodeDirect) };
  if (!isGoMap(v)) throw roundTripNeeded;
  const keys = Object.keys(v).sort(compareYamlKeys);
  // Keys the round trip may reject: it reports that after any JSON error, so it decides.
  for (const key of keys) if (loneSurrogate.test(key) || key.includes('\u0085') || key.length * 6 + 2 > 1024) throw roundTripNeeded;
  return { kind: 'mapping', entries: keys.map((key) => [stringNode(foldRawLineBreaks(key)), toNodeDirect(v[key])]) };
}

/** Helm's toYaml: the YAML without its final newline, or "" when the value cannot be encoded. */
export function toYaml(v: GoValue): string {
  try {
    return marshalYaml(v).replace(/\n$/, '');
  } catch {
    return '';
  }
}

/** The JSON round trip: encodes with Go's rules, then resolves each number's text as go-yaml would. */
function viaJson(json: string): JsonYaml {
  return JSON.parse(json, (_key, value, context?: { source?: string }) => {
    if (typeof value !== 'number' || context?.source === undefined) return value;
    const resolved = resolvePlain(context.source);
    return resolved.tag === 'int' || resolved.tag === 'float' ? resolved.value : value;
  }) as JsonYaml;
}

function toNode(v: JsonYaml): YamlNode {
  if (v === null) return plainNode('null');
  if (typeof v === 'boolean' || typeof v === 'bigint') return plainNode(String(v));
  if (typeof v === 'number') return floatNode(v);
  if (typeof v === 'string') return stringNode(foldRawLineBreaks(v));
  if (Array.isArray(v)) return { kind: 'sequence', items: v.map(toNode) };
  const keys = Object.keys(v).sort(compareYamlKeys);
  for (const key of keys) rejectUnreadableKey(key);
  return { kind: 'mapping', entries: keys.map((key) => [stringNode(foldRawLineBreaks(key)), toNode(v[key])]) };
}

/**
 * go-yaml reads the JSON back with libyaml, whose simple keys must end within 1024
 * characters and on the line they start; a raw U+0085 (which Go's JSON leaves unescaped)
 * is a line break to it. Such a key makes the conversion fail.
 */
function rejectUnreadableKey(key: string): void {
  // The line is approximate: go-yaml counts the NELs before the key too.
  if (key.includes('\u0085')) throw new Error("yaml: line 1: did not find expected ',' or '}'");
  // A character's JSON form is at most 6 long: short keys need no encoding to be known short.
  if (key.length * 6 + 2 > 1024 && Array.from(goJsonString(key, true)).length > 1024) throw new Error("yaml: did not find expected ',' or '}'");
}

/**
 * Go's JSON leaves U+0085 (NEL) unescaped, and go-yaml reads it inside the double-quoted
 * JSON string as a line break, folding it (with the spaces around it) like a YAML line break.
 */
function foldRawLineBreaks(s: string): string {
  if (!s.includes('\u0085')) return s;
  return s.replace(/ *(?:\u0085 *)+/g, (run) => {
    const breaks = run.split('\u0085').length - 1;
    return breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
  });
}
