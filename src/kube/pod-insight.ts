// What a person needs to see about a Job's or Pod's run without reaching for kubectl: the pods
// behind it, each container's last state, the tail of its logs, and the related events.
import type { KubeClient } from './client.ts';

export interface ContainerInsight {
  pod: string;
  container: string;
  init: boolean;
  state: 'waiting' | 'running' | 'terminated' | 'unknown';
  exitCode?: number;
  reason?: string;
  message?: string;
  logTail: string[];
}

export interface EventInsight {
  type: string;
  reason: string;
  message: string;
  object: string;
  count: number;
  lastSeen: string;
}

interface PodLike {
  metadata: { name: string; uid?: string; creationTimestamp?: string };
  status?: {
    phase?: string;
    initContainerStatuses?: ContainerStatus[];
    containerStatuses?: ContainerStatus[];
  };
}
interface ContainerStatus {
  name: string;
  state?: {
    waiting?: { reason?: string; message?: string };
    running?: object;
    terminated?: { exitCode?: number; reason?: string; message?: string };
  };
}

const ns = (namespace: string) => `/api/v1/namespaces/${encodeURIComponent(namespace)}`;

/** Pods of a Job (newest first) or the Pod itself. */
export async function podsOf(client: KubeClient, namespace: string, kind: string, name: string): Promise<PodLike[]> {
  if (kind === 'Pod') {
    try {
      return [await client.request<PodLike>('GET', `${ns(namespace)}/pods/${encodeURIComponent(name)}`)];
    } catch (err) {
      if ((err as { status?: number }).status === 404) return [];
      throw err;
    }
  }
  const list = await client.request<{ items: PodLike[] }>('GET', `${ns(namespace)}/pods`, {
    query: { labelSelector: `batch.kubernetes.io/job-name=${name}` },
  });
  return list.items.sort((a, b) => (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? ''));
}

export async function logTail(client: KubeClient, namespace: string, pod: string, container: string, lines: number): Promise<string[]> {
  try {
    const res = await client.requestRaw('GET', `${ns(namespace)}/pods/${encodeURIComponent(pod)}/log`, {
      query: { container, tailLines: lines },
    });
    if (res.status !== 200) return [];
    const text = res.body.toString('utf8').replace(/\n$/, '');
    return text === '' ? [] : text.split('\n');
  } catch {
    return []; // logs are a courtesy: a pod that never started has none
  }
}

function describeState(status: ContainerStatus): Pick<ContainerInsight, 'state' | 'exitCode' | 'reason' | 'message'> {
  const s = status.state ?? {};
  if (s.terminated) return { state: 'terminated', exitCode: s.terminated.exitCode, reason: s.terminated.reason, message: s.terminated.message };
  if (s.waiting) return { state: 'waiting', reason: s.waiting.reason, message: s.waiting.message };
  if (s.running) return { state: 'running' };
  return { state: 'unknown' };
}

/** Every container of a pod with its state and the last `lines` lines of its log. */
export async function containerInsights(client: KubeClient, namespace: string, pod: PodLike, lines: number): Promise<ContainerInsight[]> {
  const statuses = [
    ...(pod.status?.initContainerStatuses ?? []).map((s) => ({ s, init: true })),
    ...(pod.status?.containerStatuses ?? []).map((s) => ({ s, init: false })),
  ];
  return Promise.all(statuses.map(async ({ s, init }) => ({
    pod: pod.metadata.name,
    container: s.name,
    init,
    ...describeState(s),
    logTail: await logTail(client, namespace, pod.metadata.name, s.name, lines),
  })));
}

interface EventLike {
  type?: string; reason?: string; message?: string; count?: number;
  lastTimestamp?: string; eventTime?: string; metadata: { creationTimestamp?: string; resourceVersion?: string };
  involvedObject: { kind?: string; name?: string; uid?: string };
}

/**
 * Events about the named objects, oldest first; with `uids`, only those about these exact
 * objects (a hook re-created under the same name must not show its predecessor's events).
 */
export async function eventsAbout(client: KubeClient, namespace: string, names: string[], uids?: Set<string>): Promise<EventInsight[]> {
  const lists = await Promise.all(names.map((n) => client.request<{ items: EventLike[] }>('GET', `${ns(namespace)}/events`, {
    query: { fieldSelector: `involvedObject.name=${n}` },
  })));
  return lists.flatMap((l) => l.items)
    .filter((e) => !uids || (e.involvedObject.uid !== undefined && uids.has(e.involvedObject.uid)))
    // Timestamps have one-second resolution; the (etcd-ordered) resourceVersion breaks ties.
    .sort((a, b) => (lastSeenOf(a).localeCompare(lastSeenOf(b))) || Number(a.metadata.resourceVersion ?? 0) - Number(b.metadata.resourceVersion ?? 0))
    .map((e) => ({
      type: e.type ?? 'Normal',
      reason: e.reason ?? '',
      message: e.message ?? '',
      object: `${e.involvedObject.kind ?? ''}/${e.involvedObject.name ?? ''}`,
      count: e.count ?? 1,
      lastSeen: lastSeenOf(e),
    }));
}

function lastSeenOf(e: EventLike): string {
  return e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? '';
}
