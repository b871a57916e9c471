// Scalar nodes as go-yaml's encoder makes them from Go strings and numbers (v2 and v3 agree).
import { formatFloat } from '../gofmt/strconv.ts';
import type { YamlNode } from './goyaml-emitter.ts';
import { needsQuotesToStayString } from './yaml-resolve.ts';

export function plainNode(text: string): YamlNode {
  return { kind: 'scalar', value: text, style: 'plain' };
}

/** go-yaml's floatv: strconv 'g' formatting with YAML's names for infinities and NaN. */
export function floatNode(f: number): YamlNode {
  if (Number.isNaN(f)) return plainNode('.nan');
  if (!Number.isFinite(f)) return plainNode(f > 0 ? '.inf' : '-.inf');
  return plainNode(formatFloat(f, 'g', -1));
}

/** go-yaml's stringv: literal for multi-line text, quoted when plain text would read back as another type. */
export function stringNode(s: string): YamlNode {
  if (s.includes('\n')) return { kind: 'scalar', value: s, style: 'literal' };
  return { kind: 'scalar', value: s, style: needsQuotesToStayString(s) ? 'double' : 'plain' };
}
