// Follows a running Job or Pod hook's container logs and emits each line as a `hook-log` event,
// so `--hook-logs` and `-o json` show a hook's output while it runs, not only after it failed.
import { StringDecoder } from 'node:string_decoder';
import { setTimeout as sleep } from 'node:timers/promises';
import type { KubeClient, Query } from '../kube/client.ts';
import type { ActionContext } from './context.ts';
import type { HookRef } from './events.ts';

declare module './context.ts' {
  interface ActionContext {
    /** Stream Job and Pod hooks' container logs as `hook-log` events (set by --hook-logs and -o json). */
    followHookLogs?: boolean;
  }
}

export interface HookLogFollower {
  /** Stops following once the hook has finished: reads what is left, then closes every stream. */
  stop(): Promise<void>;
  /**
   * The last lines of the container that wrote last. They outlive the pod: a Job past its
   * activeDeadlineSeconds has its pods deleted, and with them the logs a diagnosis would read.
   */
  tail(): { pod: string; container: string; lines: string[] } | undefined;
}

interface PodLike {
  metadata: { name: string; uid?: string };
  status?: { initContainerStatuses?: ContainerStatus[]; containerStatuses?: ContainerStatus[] };
}
interface ContainerStatus {
  name: string;
  restartCount?: number;
  state?: { running?: object; terminated?: object; waiting?: object };
}

/** Lines kept per container for tail(), as many as a failure diagnosis shows. */
const tailLines = 20;
/** How long stop() waits for finished containers' streams to deliver their last lines. */
const drainFinishedMs = 5000;
/** How long stop() waits for containers still running (the hook timed out or was interrupted). */
const drainRunningMs = 500;

const podsPath = (namespace: string) => `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`;

function podSelector(kind: string, name: string): Query {
  return kind === 'Pod' ? { fieldSelector: `metadata.name=${name}` } : { labelSelector: `batch.kubernetes.io/job-name=${name}` };
}

function startedContainers(pod: PodLike): Array<{ name: string; restarts: number; running: boolean }> {
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  return statuses
    .filter((s) => s.state?.running || s.state?.terminated)
    .map((s) => ({ name: s.name, restarts: s.restartCount ?? 0, running: s.state?.running !== undefined }));
}

/** Starts following the logs of a Job's or Pod's containers; other kinds have none to follow. */
export function followHookLogs(ctx: ActionContext, kind: string, name: string, namespace: string, hook: HookRef): HookLogFollower | undefined {
  if (kind !== 'Job' && kind !== 'Pod') return undefined;
  return new LogFollower(ctx, namespace, podSelector(kind, name), hook);
}

class LogFollower implements HookLogFollower {
  private readonly ctx: ActionContext;
  private readonly client: KubeClient;
  private readonly namespace: string;
  private readonly selector: Query;
  private readonly hook: HookRef;
  private readonly watchAbort = new AbortController();
  private readonly streamAbort = new AbortController();
  /** pod uid (or name) / container / restart count: each container run is read once. */
  private readonly followed = new Set<string>();
  private readonly streams: Promise<void>[] = [];
  private readonly watching: Promise<void>;
  private readonly recent = new Map<string, { pod: string; container: string; lines: string[] }>();
  private lastWriter?: string;
  private anyRunning = false;
  private errorReported = false;

  constructor(ctx: ActionContext, namespace: string, selector: Query, hook: HookRef) {
    this.ctx = ctx;
    this.client = ctx.client;
    this.namespace = namespace;
    this.selector = selector;
    this.hook = hook;
    this.watching = this.watchPods();
  }

  async stop(): Promise<void> {
    this.watchAbort.abort();
    await this.watching;
    // The hook's own watch may have seen it finish before the pod watch saw the last container start.
    try {
      const list = await this.client.request<{ items: PodLike[] }>('GET', podsPath(this.namespace), { query: this.selector, timeoutMs: drainFinishedMs });
      this.anyRunning = false;
      for (const pod of list.items) this.followContainers(pod);
    } catch (err) {
      this.reportError(err);
    }
    const drained = Promise.all(this.streams);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.anyRunning ? drainRunningMs : drainFinishedMs)));
    await Promise.race([drained, deadline]);
    clearTimeout(timer);
    this.streamAbort.abort();
    await drained;
  }

  tail(): { pod: string; container: string; lines: string[] } | undefined {
    return this.lastWriter === undefined ? undefined : this.recent.get(this.lastWriter);
  }

  private emitLine(pod: string, container: string, line: string): void {
    const key = `${pod}/${container}`;
    const kept = this.recent.get(key) ?? { pod, container, lines: [] };
    kept.lines.push(line);
    if (kept.lines.length > tailLines) kept.lines.shift();
    this.recent.set(key, kept);
    this.lastWriter = key;
    this.ctx.emit({ type: 'hook-log', hook: this.hook, pod, container, line });
  }

  private async watchPods(): Promise<void> {
    const signal = this.watchAbort.signal;
    try {
      // A watch without a resourceVersion first lists what exists; the server ends watches now and then.
      while (!signal.aborted) {
        for await (const event of this.client.watch(podsPath(this.namespace), this.selector, signal)) {
          if (event.type === 'ADDED' || event.type === 'MODIFIED') this.followContainers(event.object as PodLike);
        }
        await sleep(1000, undefined, { signal }); // a server that ends watches at once must not be hammered
      }
    } catch (err) {
      if (!signal.aborted) this.reportError(err);
    }
  }

  private followContainers(pod: PodLike): void {
    for (const container of startedContainers(pod)) {
      if (container.running) this.anyRunning = true;
      const key = `${pod.metadata.uid ?? pod.metadata.name}/${container.name}/${container.restarts}`;
      if (this.followed.has(key)) continue;
      this.followed.add(key);
      this.streams.push(this.readLog(pod.metadata.name, container.name));
    }
  }

  private async readLog(pod: string, container: string): Promise<void> {
    const signal = this.streamAbort.signal;
    const decoder = new StringDecoder('utf8');
    let partial = '';
    const emitLines = (text: string) => {
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) this.emitLine(pod, container, line);
    };
    try {
      const path = `${podsPath(this.namespace)}/${encodeURIComponent(pod)}/log`;
      const body = await this.client.stream(path, { container, follow: true }, signal);
      for await (const chunk of body) emitLines(decoder.write(chunk as Buffer));
    } catch (err) {
      if (!signal.aborted) this.reportError(err);
    }
    // What arrived before the stream ended or was closed still counts, even without a final newline.
    emitLines(decoder.end());
    if (partial !== '') this.emitLine(pod, container, partial);
  }

  /** Log streaming is a courtesy: its first error is shown once, and the action goes on. */
  private reportError(err: unknown): void {
    if (this.errorReported) return;
    this.errorReported = true;
    this.ctx.emit({ type: 'hook-progress', hook: this.hook, detail: `hook logs unavailable: ${(err as Error).message}` });
  }
}
