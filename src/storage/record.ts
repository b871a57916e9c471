// The release record exactly as Helm stores it (helm.sh/release.v1): field names and
// optionality follow Helm's JSON so that Helm and Hookline read each other's history.
import type { Hook } from '../manifest/hook-record.ts';

export type ReleaseStatus =
  | 'unknown' | 'deployed' | 'uninstalled' | 'superseded' | 'failed' | 'uninstalling'
  | 'pending-install' | 'pending-upgrade' | 'pending-rollback';

export interface ReleaseInfo {
  first_deployed?: string;
  last_deployed?: string;
  deleted?: string;
  description?: string;
  status?: ReleaseStatus;
  notes?: string;
  resources?: Record<string, unknown[]>;
}

/** The chart as stored in a release: metadata, templates and files with base64 data. */
export interface StoredChart {
  metadata: Record<string, unknown>;
  lock?: unknown;
  templates: Array<{ name: string; data: string; modtime?: string }>;
  values: Record<string, unknown> | null;
  schema?: string | null;
  schemamodtime?: string;
  files: Array<{ name: string; data: string; modtime?: string }> | null;
  modtime?: string;
}

export interface Release {
  name: string;
  info: ReleaseInfo;
  chart?: StoredChart;
  config?: Record<string, unknown>;
  manifest?: string;
  hooks?: Hook[];
  version: number;
  namespace: string;
  apply_method?: 'csa' | 'ssa';
  /** Custom release labels; kept in the storage object's labels, never in the JSON. */
  labels?: Record<string, string>;
}
