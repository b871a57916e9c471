// helm's -o json|yaml|table for list-like outputs: JSON as Go's json.Encoder writes it (struct
// field order, HTML-safe escapes, final newline), YAML as sigs.k8s.io/yaml (sorted keys).
import { marshalYaml } from '../codec/goyaml-emit.ts';
import type { GoValue } from '../govalue/types.ts';
import { goJson } from '../storage/codec.ts';

export type OutputFormat = 'table' | 'json' | 'yaml';

export function formatStructured(format: OutputFormat, data: unknown, table: () => string): string {
  if (format === 'json') return goJson(data) + '\n';
  if (format === 'yaml') return marshalYaml(data as GoValue);
  return table();
}
