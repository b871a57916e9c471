// The renderer the release actions use (a ChartRenderer): the engine with the cluster's
// capabilities and the revision's .Release.
import type { Chart } from '../chart/types.ts';
import type { GoMap } from '../govalue/types.ts';
import { capabilitiesObject, type ClusterCapabilities } from './capabilities.ts';
import { renderChart } from './engine.ts';
import { postRenderFiles, type PostRenderer } from './post-render.ts';

export interface RenderRequest {
  releaseName: string;
  namespace: string;
  revision: number;
  isInstall: boolean;
  isUpgrade: boolean;
  capabilities: ClusterCapabilities;
  /** --skip-schema-validation */
  skipSchemaValidation?: boolean;
  /** --render-subchart-notes */
  subchartNotes?: boolean;
  /** --post-renderer: rewrites the rendered stream before it is split into hooks and resources. */
  postRenderer?: PostRenderer;
  /** --enable-dns */
  enableDns?: boolean;
}

/** Renders a chart's templates with coalesced values: template path -> rendered text. */
export type ChartRenderer = (chart: Chart, values: GoMap, request: RenderRequest) => Map<string, string>;

export function renderForRelease(chart: Chart, values: GoMap, request: RenderRequest): Map<string, string> {
  const rendered = renderChart(chart, values, {
    release: {
      name: request.releaseName, namespace: request.namespace, revision: request.revision,
      isInstall: request.isInstall, isUpgrade: request.isUpgrade,
    },
    capabilities: capabilitiesObject({ kubeVersion: request.capabilities.kubeVersion, apiVersions: request.capabilities.apiVersions }),
    enableDns: request.enableDns,
  });
  return request.postRenderer ? postRenderFiles(rendered, request.postRenderer) : rendered;
}
