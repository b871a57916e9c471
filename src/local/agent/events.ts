// Records core/v1 Events about pods the way the kubelet does (source.component kubelet, host = node name),
// so `kubectl describe` and `kubectl get events` show each pod's lifecycle.
import { randomBytes } from 'node:crypto';
import type { AgentApiClient, ApiObject } from './api.ts';
import { retryTransient } from './retry.ts';
import { kubeTime } from './time.ts';

export type EventType = 'Normal' | 'Warning';

const EVENT_ATTEMPTS = 5;

// The body (with its generated name) is made once, so a retry after a lost answer cannot post a
// second copy of an event the server did store: it is refused as already existing instead.
const postOnce = (api: AgentApiClient, namespace: string, body: ApiObject) => () => api.request('POST', `/api/v1/namespaces/${namespace}/events`, { body });

export class EventRecorder {
  private readonly api: AgentApiClient;
  private readonly nodeName: string;
  private readonly component: string;
  // Posted one after another so that events of the same second keep their order.
  private posting: Promise<void> = Promise.resolve();
  // Repeats of the same event (a failing probe, a crash loop) raise the count of the first, as the kubelet's do.
  private readonly seen = new Map<string, { name: string; count: number }>();

  constructor(api: AgentApiClient, nodeName: string, component = 'kubelet') {
    this.api = api;
    this.nodeName = nodeName;
    this.component = component;
  }

  /** Posts an event about a pod (or one of its containers); failures are logged, never thrown. */
  record(pod: ApiObject, type: EventType, reason: string, message: string, containerFieldPath?: string): void {
    const now = kubeTime();
    const namespace = pod.metadata.namespace;
    const key = [pod.metadata.uid, containerFieldPath, type, reason, message].join('\n');
    const repeat = this.seen.get(key);
    const send = repeat
      ? () => this.api.request('PATCH', `/api/v1/namespaces/${namespace}/events/${repeat.name}`,
        { body: { count: ++repeat.count, lastTimestamp: now }, contentType: 'application/merge-patch+json' })
      : postOnce(this.api, namespace, this.event(pod, type, reason, message, now, containerFieldPath));
    if (!repeat) this.seen.set(key, { name: '', count: 1 });
    // A few retries only: events matter less than the pods they describe, and they are posted in turn.
    this.posting = this.posting.then(() => retryTransient(`event ${reason} for pod ${namespace}/${pod.metadata.name}`, send, () => false, EVENT_ATTEMPTS)).then(
      (created) => {
        const entry = this.seen.get(key);
        if (entry && !entry.name) entry.name = created.metadata.name;
      },
      (err: Error) => {
        if (!repeat) this.seen.delete(key);
        console.error(`event ${reason} for pod ${namespace}/${pod.metadata.name} not recorded: ${err.message}`);
      },
    );
  }

  /** Drops the aggregation state of a pod that is gone. */
  forget(podUid: string): void {
    for (const key of this.seen.keys()) if (key.startsWith(`${podUid}\n`)) this.seen.delete(key);
  }

  private event(pod: ApiObject, type: EventType, reason: string, message: string, now: string, containerFieldPath?: string): ApiObject {
    const namespace = pod.metadata.namespace;
    return {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${pod.metadata.name}.${randomBytes(8).toString('hex')}`, namespace },
      involvedObject: {
        apiVersion: 'v1', kind: 'Pod', namespace, name: pod.metadata.name, uid: pod.metadata.uid,
        resourceVersion: pod.metadata.resourceVersion, ...(containerFieldPath ? { fieldPath: containerFieldPath } : {}),
      },
      type, reason, message,
      source: { component: this.component, host: this.nodeName },
      firstTimestamp: now, lastTimestamp: now, eventTime: null, count: 1,
      reportingComponent: this.component, reportingInstance: this.nodeName,
    };
  }
}
