// The in-memory model of a loaded chart: Chart.yaml metadata, templates, other files,
// default values and subcharts, mirroring Helm's chart.Chart (v2 charts).
import type { GoMap, GoValue } from '../govalue/types.ts';

/** A file of the chart; `name` is relative to the chart root with forward slashes. */
export interface ChartFile {
  name: string;
  data: Uint8Array;
}

export interface ChartMaintainer {
  name: string;
  email: string;
  url: string;
}

/** One entry of Chart.yaml `dependencies` (or requirements.yaml for apiVersion v1). */
export interface ChartDependency {
  name: string;
  version: string;
  repository: string;
  condition: string;
  tags: string[];
  enabled: boolean;
  /** Each entry is a string ("data" imports exports.data) or a {child, parent} map. */
  importValues: GoValue[];
  alias: string;
}

/** Chart.yaml, with Helm's field names (the JSON names of Go's chart.Metadata). */
export interface ChartMetadata {
  name: string;
  home: string;
  sources: string[];
  version: string;
  description: string;
  keywords: string[];
  maintainers: ChartMaintainer[];
  icon: string;
  apiVersion: string;
  condition: string;
  tags: string;
  appVersion: string;
  deprecated: boolean;
  annotations: Record<string, string>;
  kubeVersion: string;
  dependencies: ChartDependency[];
  type: string;
}

/** Chart.lock (or requirements.lock for apiVersion v1). */
export interface ChartLock {
  generated: string;
  digest: string;
  dependencies: ChartDependency[];
}

export interface Chart {
  metadata: ChartMetadata;
  /** Files under templates/, in load order (directory walk or archive order). */
  templates: ChartFile[];
  /** Every other file of the chart except Chart.yaml, values.yaml, values.schema.json,
   *  Chart.lock and subcharts: what `.Files` serves (plus requirements.* for v1 charts). */
  files: ChartFile[];
  /** Every file as loaded, including Chart.yaml and values.yaml. */
  raw: ChartFile[];
  values: GoMap;
  schema?: Uint8Array;
  lock?: ChartLock;
  dependencies: Chart[];
  parent?: Chart;
}

/** A chart that cannot be loaded. The message is Helm's; `cause` holds any detail Helm hides. */
export class ChartLoadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ChartLoadError';
  }
}

/** The chain of chart names from the top chart down, joined as Helm's ChartFullPath does. */
export function chartFullPath(chart: Chart): string {
  return chart.parent ? `${chartFullPath(chart.parent)}/charts/${chart.metadata.name}` : chart.metadata.name;
}
