// Builds a revision's content from a chart on disk: loads the chart, merges the user's value
// sources (reusing or resetting the previous revision's values as asked), renders the
// templates with the cluster's capabilities and splits the result into hooks and resources.
import { coalesceTables } from '../chart/coalesce.ts';
import { checkKubeVersion } from '../chart/kube-version.ts';
import { checkDependenciesPresent, processDependencies } from '../chart/dependencies.ts';
import { warnIfDeprecated } from '../chart/warnings.ts';
import { loadChart } from '../chart/load.ts';
import { coalescedValuesForRender } from '../chart/render-values.ts';
import type { Chart } from '../chart/types.ts';
import type { GoMap } from '../govalue/types.ts';
import type { ChartRenderer, RenderRequest } from '../render/release-renderer.ts';
import { mergeValueSources, type ValueSources } from '../values/merge-sources.ts';
import type { ReleaseContent } from './content.ts';
import type { Release } from './record.ts';
import { releaseContentFromRendered } from './release-content.ts';
import { toStoredChart } from './stored-chart.ts';
import { timestampNow } from '../gotime/timestamps.ts';

/** How an upgrade treats the previous revision's values (Helm's flags of the same names). */
export interface ValueReuse {
  reuseValues: boolean;
  resetValues: boolean;
  resetThenReuseValues: boolean;
}

const noValueReuse: ValueReuse = { reuseValues: false, resetValues: false, resetThenReuseValues: false };

/** Helm's rules for which user values an upgrade starts from. */
export function valuesForUpgrade(chart: Chart, supplied: GoMap, previous: Release | undefined, reuse: ValueReuse): GoMap {
  if (!previous || reuse.resetValues) return supplied;
  const old = (previous.config ?? {}) as GoMap;
  if (reuse.reuseValues) {
    // The previous chart's defaults are what the old values were coalesced with.
    chart.values = coalesceTables(structuredClone(old), (previous.chart?.values ?? {}) as GoMap, () => {});
    return coalesceTables(supplied, structuredClone(old), () => {});
  }
  if (reuse.resetThenReuseValues) return coalesceTables(supplied, structuredClone(old), () => {});
  return Object.keys(supplied).length === 0 && Object.keys(old).length > 0 ? structuredClone(old) : supplied;
}

/** A revision's chart, loaded and checked, its dependencies processed against the user's values `config`. */
export interface PreparedChart {
  chart: Chart;
  config: GoMap;
}

/** The steps before rendering; helm's install puts the chart's CRDs in between this and the render. */
export function prepareChart(
  chartPath: string, sources: Partial<ValueSources>, isUpgrade: boolean,
  previous?: Release, reuse: ValueReuse = noValueReuse,
): PreparedChart {
  const chart = loadChart(chartPath);
  if (chart.metadata.type === 'library') throw new Error('validation: chart.metadata.type "library" is not installable');
  // helm warns before the dependency check on install, after it on upgrade.
  if (!isUpgrade) warnIfDeprecated(chart);
  checkDependenciesPresent(chart);
  if (isUpgrade) warnIfDeprecated(chart);
  const config = valuesForUpgrade(chart, mergeValueSources(sources), previous, reuse);
  processDependencies(chart, config);
  return { chart, config };
}

export function renderPreparedChart(render: ChartRenderer, { chart, config }: PreparedChart, request: RenderRequest): ReleaseContent {
  const values = coalescedValuesForRender(chart, config, { skipSchemaValidation: request.skipSchemaValidation });
  // Helm stores the chart as dependency processing left it (aliases, enabled flags, imported values).
  const stored = toStoredChart(chart, timestampNow());
  checkKubeVersion(chart, request.capabilities.kubeVersion);
  const rendered = render(chart, values, request);
  return releaseContentFromRendered(rendered, stored, config, chart.metadata.name, request.subchartNotes);
}

export function chartContent(
  render: ChartRenderer, chartPath: string, sources: Partial<ValueSources>, request: RenderRequest,
  previous?: Release, reuse: ValueReuse = noValueReuse,
): ReleaseContent {
  return renderPreparedChart(render, prepareChart(chartPath, sources, request.isUpgrade, previous, reuse), request);
}
