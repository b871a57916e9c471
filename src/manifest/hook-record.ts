// A hook as the release record stores it (Helm's release/v1 Hook, HookExecution): its events,
// weight, delete and output-log policies and last run. Field names follow Helm's JSON.

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
