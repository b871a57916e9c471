// The values step of Helm's install/template: dependencies processed against the user's
// values, then coalesced with every chart's defaults and checked against the schemas.
import type { GoMap } from '../govalue/types.ts';
import { coalesceValues } from './coalesce.ts';
import { processDependencies } from './dependencies.ts';
import { validateValuesAgainstSchemas } from './schema.ts';
import type { Chart } from './types.ts';
import { warnToStderr, type ChartWarn } from './warnings.ts';

export interface ChartValuesOptions {
  /** helm's --skip-schema-validation. */
  skipSchemaValidation?: boolean;
  warn?: ChartWarn;
}

/**
 * The `.Values` of the top chart (each subchart's are under its name). Mutates `chart`
 * as Helm does: disabled subcharts are removed, aliases applied, import-values merged.
 */
export function chartValuesForRender(chart: Chart, userValues: GoMap, options: ChartValuesOptions = {}): GoMap {
  processDependencies(chart, userValues, options.warn ?? warnToStderr);
  return coalescedValuesForRender(chart, userValues, options);
}

/** The second half of chartValuesForRender, for a chart whose dependencies are processed already. */
export function coalescedValuesForRender(chart: Chart, userValues: GoMap, options: ChartValuesOptions = {}): GoMap {
  const values = coalesceValues(chart, userValues, options.warn ?? warnToStderr);
  if (!options.skipSchemaValidation) validateValuesAgainstSchemas(chart, values);
  return values;
}
