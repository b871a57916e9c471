// helm's -o json|yaml|table: JSON as Go's json.Encoder writes it (HTML-safe escapes, final
// newline), YAML as sigs.k8s.io/yaml (sorted keys).
import { goJson, goJsonMarshal, type GoStruct } from '../codec/go-json.ts';
import { marshalYaml } from '../codec/goyaml-emit.ts';
import type { GoValue } from '../govalue/types.ts';

export type OutputFormat = 'table' | 'json' | 'yaml';

/** List-like output whose plain objects are Go structs: JSON keeps their field order. */
export function formatStructured(format: OutputFormat, data: unknown, table: () => string): string {
  if (format === 'json') return goJson(data) + '\n';
  if (format === 'yaml') return marshalYaml(data as GoValue);
  return table();
}

/** Go values (plain objects are maps, keys sorted; GoStructs in field order); undefined for a table. */
export function formatGoValue(format: OutputFormat, data: GoValue | GoStruct): string | undefined {
  if (format === 'json') return goJsonMarshal(data) + '\n';
  if (format === 'yaml') return marshalYaml(data);
  return undefined;
}
