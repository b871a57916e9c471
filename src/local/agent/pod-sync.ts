// Watches every pod in the cluster: binds unscheduled ones to this node (there is no scheduler) and
// gives each pod bound here to a PodWorker, passing it newer versions and removing it when the pod is gone.
import { setTimeout as sleep } from 'node:timers/promises';
import { KubeApiError } from '../../kube/client.ts';
import type { AgentApiClient, ApiObject } from './api.ts';
import type { EventRecorder } from './events.ts';
import { PodWorker, type WorkerDeps } from './pod-worker.ts';
import { retryTransient } from './retry.ts';

export class PodSync {
  readonly workers = new Map<string, PodWorker>();
  private readonly api: AgentApiClient;
  private readonly nodeName: string;
  private readonly deps: WorkerDeps;
  private readonly scheduler: EventRecorder;
  private readonly binding = new Set<string>();
  private stopped: AbortSignal | undefined;

  constructor(api: AgentApiClient, nodeName: string, deps: WorkerDeps, scheduler: EventRecorder) {
    this.api = api;
    this.nodeName = nodeName;
    this.deps = deps;
    this.scheduler = scheduler;
  }

  /** The worker of a pod by namespace/name, for the log server. */
  find(namespace: string, name: string): PodWorker | undefined {
    for (const worker of this.workers.values()) {
      if (worker.pod.metadata.namespace === namespace && worker.pod.metadata.name === name) return worker;
    }
    return undefined;
  }

  /** Lists then watches pods until the signal aborts, re-listing whenever a watch ends. */
  async run(signal: AbortSignal): Promise<void> {
    this.stopped = signal;
    while (!signal.aborted) {
      try {
        const list = await this.api.request('GET', '/api/v1/pods');
        const seen = new Set<string>();
        for (const pod of list.items) {
          seen.add(pod.metadata.uid);
          this.observe(pod);
        }
        for (const [uid, worker] of this.workers) if (!seen.has(uid)) this.forget(uid, worker);
        const query = { allowWatchBookmarks: true, resourceVersion: list.metadata.resourceVersion };
        for await (const event of this.api.watch('/api/v1/pods', query, signal)) {
          if (event.type === 'ERROR') break;
          if (event.type === 'DELETED') {
            const worker = this.workers.get(event.object.metadata.uid);
            if (worker) this.forget(event.object.metadata.uid, worker);
          } else if (event.type !== 'BOOKMARK') {
            this.observe(event.object);
          }
        }
      } catch (err) {
        if (signal.aborted) break;
        console.error(`pod watch failed, re-listing in 1s: ${(err as Error).message}`);
        await sleep(1000);
      }
    }
  }

  private forget(uid: string, worker: PodWorker): void {
    worker.abandon();
    this.workers.delete(uid);
    this.deps.events.forget(uid);
  }

  private observe(pod: ApiObject): void {
    const nodeName = pod.spec.nodeName;
    if (!nodeName) {
      if (!pod.metadata.deletionTimestamp && !['Succeeded', 'Failed'].includes(pod.status?.phase)) void this.bind(pod);
      return;
    }
    if (nodeName !== this.nodeName) return;
    const existing = this.workers.get(pod.metadata.uid);
    if (existing) {
      existing.update(pod);
      return;
    }
    const worker = new PodWorker(this.deps, pod);
    this.workers.set(pod.metadata.uid, worker);
    worker.update(pod);
    worker.run().catch((err: Error) => console.error(`pod ${pod.metadata.namespace}/${pod.metadata.name}: ${err.stack ?? err.message}`));
  }

  private async bind(pod: ApiObject): Promise<void> {
    const { namespace, name, uid } = pod.metadata;
    if (this.binding.has(uid)) return;
    this.binding.add(uid);
    const body = { apiVersion: 'v1', kind: 'Binding', metadata: { name, uid }, target: { apiVersion: 'v1', kind: 'Node', name: this.nodeName } };
    try {
      // Retried: a pod whose binding was lost would stay Pending until the next re-list.
      await retryTransient(`binding pod ${namespace}/${name}`, () => this.api.request('POST', `/api/v1/namespaces/${namespace}/pods/${name}/binding`, { body }),
        () => this.stopped?.aborted === true);
      this.scheduler.record(pod, 'Normal', 'Scheduled', `Successfully assigned ${namespace}/${name} to ${this.nodeName}`);
    } catch (err) {
      // 409: another binder won or the pod changed; the watch shows what happened.
      if (!(err instanceof KubeApiError && (err.status === 409 || err.status === 404))) console.error(`binding pod ${namespace}/${name} failed: ${(err as Error).message}`);
    } finally {
      this.binding.delete(uid);
    }
  }
}
