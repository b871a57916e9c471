// Renders a chart for a release action with the cluster's capabilities (the glue between the
// release actions and the render engine).
import type { ChartRenderer } from '../release/chart-content.ts';
import { capabilitiesObject } from '../render/capabilities.ts';
import { renderChart } from '../render/engine.ts';

export const renderChartForRelease: ChartRenderer = (chart, values, request) => renderChart(chart, values, {
  release: { name: request.releaseName, namespace: request.namespace, revision: request.revision, isInstall: request.isInstall, isUpgrade: request.isUpgrade },
  capabilities: capabilitiesObject({ kubeVersion: request.capabilities.kubeVersion, apiVersions: request.capabilities.apiVersions }),
});
