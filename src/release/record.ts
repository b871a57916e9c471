// The release record exactly as Helm stores it (helm.sh/release.v1): field names and
// optionality follow Helm's JSON so that Helm and Hookline read each other's history.

export const hookEvents = [
  'pre-install', 'post-install', 'pre-delete', 'post-delete', 'pre-upgrade', 'post-upgrade',
  'pre-rollback', 'post-rollback', 'test',
] as const;
export type HookEvent = (typeof hookEvents)[number];

export type HookDeletePolicy = 'hook-succeeded' | 'hook-failed' | 'before-hook-creation' | (string & {});
export type HookOutputLogPolicy = 'hook-succeeded' | 'hook-failed' | (string & {});
export type HookPhase = 'Unknown' | 'Running' | 'Succeeded' | 'Failed';

export interface HookExecution {
  started_at?: string; // RFC 3339 with nanoseconds, omitted when zero
  completed_at?: string;
  phase: HookPhase | '';
}

export interface Hook {
  name?: string;
  kind?: string;
  path?: string;
  manifest?: string;
  events?: HookEvent[];
  last_run: HookExecution;
  weight?: number;
  delete_policies?: HookDeletePolicy[];
  output_log_policies?: HookOutputLogPolicy[];
}

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
