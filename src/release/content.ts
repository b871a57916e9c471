// What one revision of a release is made of once its chart is rendered: the stored chart, the
// user's values, the resources manifest, the hooks and the notes.
import type { Hook, StoredChart } from './record.ts';

export interface ReleaseContent {
  chart: StoredChart;
  /** The values the user supplied (not coalesced with the chart's), as Helm stores them. */
  config: Record<string, unknown>;
  /** Resources as "---\n# Source: <path>\n<doc>" documents in install order. */
  manifest: string;
  hooks: Hook[];
  notes: string;
}

/** Options every release-changing action shares (Helm's names in comments). */
export interface CommonActionOptions {
  noHooks: boolean;          // --no-hooks
  wait: boolean;             // --wait
  waitForJobs: boolean;      // --wait-for-jobs
  timeoutMs: number;         // --timeout
  serverSideApply: boolean;  // --server-side
  description?: string;      // --description
}

/** Helm's stored manifest: each resource document as "---\n# Source: <path>\n<doc>\n", in install order. */
export function formatManifest(manifests: Array<{ path: string; content: string }>): string {
  return manifests.map((m) => `---\n# Source: ${m.path}\n${m.content}\n`).join('');
}
