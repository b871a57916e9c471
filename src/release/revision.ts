// The record of a new revision, as install, upgrade and rollback start it: deployed now, the
// first deployment's time carried over, the content (chart, values, manifest, hooks, notes)
// of the rendered chart or of the revision rolled back to.
import type { Release, ReleaseStatus } from './record.ts';
import { timestampNow } from '../gotime/timestamps.ts';

export interface RevisionFields {
  name: string;
  namespace: string;
  version: number;
  /** The release's first deployment; an install's first revision is deployed now. */
  firstDeployed?: string;
  status: ReleaseStatus;
  description: string;
  content: Pick<Release, 'chart' | 'config' | 'manifest' | 'hooks'> & { notes?: string };
  serverSideApply: boolean;
  labels?: Record<string, string>;
}

export function revisionRecord(f: RevisionFields): Release {
  const now = timestampNow();
  return {
    name: f.name,
    info: { first_deployed: f.firstDeployed ?? now, last_deployed: now, status: f.status, description: f.description, notes: f.content.notes || undefined },
    chart: f.content.chart,
    config: f.content.config,
    manifest: f.content.manifest,
    hooks: f.content.hooks,
    version: f.version,
    namespace: f.namespace,
    apply_method: f.serverSideApply ? 'ssa' : 'csa',
    labels: f.labels,
  };
}
