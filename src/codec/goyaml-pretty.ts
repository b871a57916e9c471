// Helm 4's toYamlPretty: go-yaml v3's Encoder with SetIndent(2) on the value itself (no JSON
// round trip), so sequences under keys are indented, long lines never fold and 1e6 stays 1e+06.
import { GoInteger, GoTime, isGoMap, type GoValue } from '../govalue/types.ts';
import { formatTime } from '../gotime/format.ts';
import { compareYamlKeys } from './goyaml-key-order.ts';
import { YamlEmitter, type YamlNode } from './goyaml-emitter.ts';
import { floatNode, plainNode, stringNode } from './goyaml-nodes.ts';

/** toYamlPretty: the YAML without its final newline, or "" when a value has no YAML form. */
export function toYamlPretty(v: GoValue): string {
  try {
    const emitter = new YamlEmitter({ indent: 2, indentSequencesInMappings: true, width: Infinity, tabsInBlocks: true });
    return emitter.emitDocument(toNode(v)).replace(/\n$/, '');
  } catch {
    return '';
  }
}

function toNode(v: GoValue): YamlNode {
  if (v === null) return plainNode('null');
  if (typeof v === 'boolean' || typeof v === 'bigint') return plainNode(String(v));
  if (typeof v === 'number') return floatNode(v);
  if (typeof v === 'string') return stringNode(v);
  if (v instanceof GoInteger) return plainNode(v.value.toString());
  if (v instanceof GoTime) return plainNode(formatTime(v, '2006-01-02T15:04:05.999999999Z07:00'));
  if (v instanceof Uint8Array) return { kind: 'sequence', items: Array.from(v, (byte) => plainNode(String(byte))) };
  if (Array.isArray(v)) return { kind: 'sequence', items: v.map(toNode) };
  if (isGoMap(v)) {
    const keys = Object.keys(v).sort((a, b) => compareYamlKeys(a, b, 'v3'));
    return { kind: 'mapping', entries: keys.map((key) => [stringNode(key), toNode(v[key])]) };
  }
  throw new Error(`yaml: cannot marshal type ${typeof v}`);
}
