// Records core/v1 Events about pods the way the kubelet does (source.component kubelet, host = node name),
// so `kubectl describe` and `kubectl get events` show each pod's lifecycle.
import { randomBytes } from 'node:crypto';
import type { ApiClient, KubeObject } from './api.ts';
import { kubeTime } from './time.ts';

export type EventType = 'Normal' | 'Warning';

export class EventRecorder {
  private readonly api: ApiClient;
  private readonly nodeName: string;
  private readonly component: string;
  // Posted one after another so that events of the same second keep their order.
  private posting: Promise<void> = Promise.resolve();

  constructor(api: ApiClient, nodeName: string, component = 'kubelet') {
    this.api = api;
    this.nodeName = nodeName;
    this.component = component;
  }

  /** Posts an event about a pod (or one of its containers); failures are logged, never thrown. */
  record(pod: KubeObject, type: EventType, reason: string, message: string, containerFieldPath?: string): void {
    const now = new Date();
    const namespace = pod.metadata.namespace;
    const event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${pod.metadata.name}.${randomBytes(8).toString('hex')}`, namespace },
      involvedObject: {
        apiVersion: 'v1', kind: 'Pod', namespace, name: pod.metadata.name, uid: pod.metadata.uid,
        resourceVersion: pod.metadata.resourceVersion, ...(containerFieldPath ? { fieldPath: containerFieldPath } : {}),
      },
      type, reason, message,
      source: { component: this.component, host: this.nodeName },
      firstTimestamp: kubeTime(now), lastTimestamp: kubeTime(now), eventTime: null, count: 1,
      reportingComponent: this.component, reportingInstance: this.nodeName,
    };
    this.posting = this.posting.then(() => this.api.request('POST', `/api/v1/namespaces/${namespace}/events`, event)).then(
      () => undefined,
      (err: Error) => console.error(`event ${reason} for pod ${namespace}/${pod.metadata.name} not recorded: ${err.message}`),
    );
  }
}
