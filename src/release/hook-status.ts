// Whether a hook resource has finished, judged as Helm 4 judges hooks: a Job is done when its
// Complete condition is true and failed when its Failed condition is; a Pod by its phase;
// every other kind counts as done as soon as it exists.

export type HookState = 'Current' | 'Failed' | 'InProgress';

export interface HookStatus {
  state: HookState;
  /** Helm's wording, which ends up in the release description on failure. */
  message: string;
}

interface Condition { type?: string; status?: string }
interface Observed {
  kind: string;
  metadata?: { name?: string };
  spec?: { parallelism?: number; completions?: number };
  status?: { succeeded?: number; failed?: number; phase?: string; conditions?: Condition[] };
}

function jobStatus(job: Observed): HookStatus {
  const parallelism = job.spec?.parallelism ?? 1;
  const completions = job.spec?.completions ?? parallelism;
  for (const c of job.status?.conditions ?? []) {
    if (c.type === 'Complete' && c.status === 'True') {
      return { state: 'Current', message: `Job Completed. succeeded: ${job.status?.succeeded ?? 0}/${completions}` };
    }
    if (c.type === 'Failed' && c.status === 'True') {
      return { state: 'Failed', message: `Job Failed. failed: ${job.status?.failed ?? 0}/${completions}` };
    }
  }
  return { state: 'InProgress', message: 'Job in progress' };
}

function podStatus(pod: Observed): HookStatus {
  const name = pod.metadata?.name ?? '';
  if (pod.status?.phase === 'Succeeded') return { state: 'Current', message: `pod ${name} succeeded` };
  if (pod.status?.phase === 'Failed') return { state: 'Failed', message: `pod ${name} failed` };
  return { state: 'InProgress', message: 'Pod in progress' };
}

export function hookStatus(obj: Observed): HookStatus {
  if (obj.kind === 'Job') return jobStatus(obj);
  if (obj.kind === 'Pod') return podStatus(obj);
  return { state: 'Current', message: 'Resource is current' };
}

/** Only Jobs and Pods are waited for; other hook kinds are done once created. */
export function isWaitedKind(kind: string): boolean {
  return kind === 'Job' || kind === 'Pod';
}
