// Turns a failed or timed-out hook into a plain account: the Job's or Pod's reason, the failing
// container's exit code, the tail of its log and the related events.
import type { KubeClient } from '../kube/client.ts';
import { containerInsights, eventsAbout, podsOf } from '../kube/pod-insight.ts';
import type { HookFailure } from './events.ts';
import type { HookStatus } from './hook-status.ts';

const logLines = 20;

/**
 * Events are written asynchronously (a kubelet may report a container's exit before its
 * "Started" event lands; the job controller records its failure event after the condition):
 * read until two reads 300 ms apart agree, at most five times, and, while an event known to
 * be coming (`expected`) is missing, up to 20 times.
 */
async function settledEvents<T>(read: () => Promise<T[]>, expected: (events: T[]) => boolean): Promise<T[]> {
  let events = await read();
  for (let i = 0; i < 4 || (i < 19 && !expected(events)); i++) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const again = await read();
    if (again.length === events.length && expected(again)) return again;
    events = again;
  }
  return events;
}

interface JobLike {
  metadata: { uid?: string };
  status?: { conditions?: Array<{ type?: string; status?: string; reason?: string; message?: string }> };
}

async function readJob(client: KubeClient, namespace: string, name: string): Promise<JobLike | undefined> {
  try {
    return await client.request<JobLike>('GET', `/apis/batch/v1/namespaces/${encodeURIComponent(namespace)}/jobs/${encodeURIComponent(name)}`);
  } catch {
    return undefined; // deleted meanwhile: the pods and events still tell the story
  }
}

export async function diagnoseHookFailure(
  client: KubeClient, namespace: string, kind: string, name: string, status: HookStatus,
): Promise<HookFailure> {
  const failure: HookFailure = {
    reason: status.state === 'InProgress' ? 'Timeout' : 'Failed',
    message: status.message,
    logTail: [],
    events: [],
  };
  try {
    const job = kind === 'Job' ? await readJob(client, namespace, name) : undefined;
    const condition = job?.status?.conditions?.find((c) => c.type === 'Failed' && c.status === 'True');
    if (job) {
      if (condition) {
        failure.reason = condition.reason ?? failure.reason;
        failure.message = condition.message ?? failure.message;
      }
    }
    const pods = await podsOf(client, namespace, kind, name);
    const latest = pods[0];
    if (job && !latest && status.state === 'InProgress') {
      // Nothing ran: suspended, refused by quota or admission (the events say), or a job
      // controller still waiting on a pod of an earlier Job of the same name (README, "The API
      // server restarted mid-action").
      failure.message = `${status.message}: the job controller has created no pod for it`;
    }
    if (latest) {
      const containers = await containerInsights(client, namespace, latest, logLines);
      // The container that explains the failure: a failed one, else one still waiting, else the first.
      const culprit = containers.find((c) => c.state === 'terminated' && c.exitCode !== 0)
        ?? containers.find((c) => c.state === 'waiting') ?? containers[0];
      if (culprit) {
        failure.pod = culprit.pod;
        failure.container = culprit.container;
        failure.exitCode = culprit.exitCode;
        failure.logTail = culprit.logTail;
        if (kind === 'Pod' || status.state === 'InProgress') {
          failure.reason = culprit.reason ?? failure.reason;
          if (culprit.message) failure.message = culprit.message;
        }
      }
    }
    const uids = new Set([job?.metadata.uid, ...pods.map((p) => p.metadata.uid)].filter((u): u is string => u !== undefined));
    // A Pod hook is its own pod: ask once per distinct name.
    const names = [...new Set([name, ...pods.map((p) => p.metadata.name)])];
    // The job controller records a Warning event with its Failed condition's reason.
    const failedEvent = condition?.reason;
    const events = await settledEvents(() => eventsAbout(client, namespace, names, uids.size > 0 ? uids : undefined),
      (seen) => !failedEvent || seen.some((e) => e.reason === failedEvent && e.object === `Job/${name}`));
    failure.events = events.map((e) => `${e.type} ${e.reason} ${e.object}: ${e.message}${e.count > 1 ? ` (x${e.count})` : ''}`);
  } catch (err) {
    failure.events.push(`(could not read more about ${kind}/${name}: ${(err as Error).message})`);
  }
  return failure;
}
