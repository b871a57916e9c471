// The renderer the release actions use (a ChartRenderer): the engine with the cluster's
// capabilities and the revision's .Release.
import type { Chart } from '../chart/types.ts';
import type { RenderRequest } from '../release/chart-content.ts';
import type { GoMap } from '../govalue/types.ts';
import { capabilitiesObject } from './capabilities.ts';
import { renderChart } from './engine.ts';

export function renderForRelease(chart: Chart, values: GoMap, request: RenderRequest): Map<string, string> {
  return renderChart(chart, values, {
    release: {
      name: request.releaseName, namespace: request.namespace, revision: request.revision,
      isInstall: request.isInstall, isUpgrade: request.isUpgrade,
    },
    capabilities: capabilitiesObject({ kubeVersion: request.capabilities.kubeVersion, apiVersions: request.capabilities.apiVersions }),
  });
}
