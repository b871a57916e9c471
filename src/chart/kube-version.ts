// Chart.yaml kubeVersion against the target cluster's version, with Helm's message.
import { isCompatibleRange } from './dependencies.ts';
import { ChartLoadError, type Chart } from './types.ts';

/**
 * Throws when the chart declares a kubeVersion range that `kubeVersion` (as Helm prints
 * it, e.g. "v1.35.0") does not satisfy. An unparsable range also fails, as in Helm.
 */
export function checkKubeVersion(chart: Chart, kubeVersion: string): void {
  const required = chart.metadata.kubeVersion;
  if (required === '' || isCompatibleRange(required, kubeVersion)) return;
  throw new ChartLoadError(`chart requires kubeVersion: ${required} which is incompatible with Kubernetes ${kubeVersion}`);
}
