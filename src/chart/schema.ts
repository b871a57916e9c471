// values.schema.json validation for a chart and each subchart, reported in Helm 4.1.4's
// shape: "CHART:\n" and the validator's text per failing chart (src/chart/jsonschema/).
import { goTypeName } from '../gofmt/fmt.ts';
import { isGoMap, type GoMap } from '../govalue/types.ts';
import { validateValues } from './jsonschema/validate.ts';
import type { Chart } from './types.ts';

export class SchemaValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaValidationError';
  }
}

/**
 * Validates coalesced values against the chart's schema and, recursively, each subchart's
 * values against its own. Throws with Helm's full message when anything fails.
 */
export function validateValuesAgainstSchemas(chart: Chart, values: GoMap): void {
  const report = schemaReport(chart, values);
  if (report !== '') {
    throw new SchemaValidationError(`values don't meet the specifications of the schema(s) in the following chart(s):\n${report}`);
  }
}

function schemaReport(chart: Chart, values: GoMap): string {
  let out = '';
  if (chart.schema) {
    const problems = validateSingleSchema(values, chart.schema);
    if (problems !== '') out += `${chart.metadata.name}:\n${problems}`;
  }
  for (const sub of chart.dependencies) {
    const raw = values[sub.metadata.name];
    if (raw === undefined || raw === null) continue;
    if (!isGoMap(raw)) {
      out += `${sub.metadata.name}:\ninvalid type for values: expected object (map), got ${goTypeName(raw)}\n`;
      continue;
    }
    out += schemaReport(sub, raw);
  }
  return out;
}

/**
 * helm's ValidateAgainstSingleSchema error text for one schema, or '' when the values conform:
 * the "- at ..." lines with a final newline, or the schema's own problem without one.
 */
export function validateSingleSchema(values: GoMap, schemaJson: Uint8Array): string {
  // Go's decoder sees a byte-order mark as an invalid character, so it is kept.
  return validateValues(values, new TextDecoder('utf-8', { ignoreBOM: true }).decode(schemaJson));
}
