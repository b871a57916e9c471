// Records, from watches, the order in which objects of a namespace are created and deleted:
// how lifecycle tests compare the hook sequence of Hookline and of helm.
import { randomBytes } from 'node:crypto';
import type { KubeClient } from '../../src/kube/client.ts';

export interface Observed { verb: 'created' | 'deleted'; kind: string; name: string; at: number }

const collections: Record<string, string> = {
  Job: '/apis/batch/v1/namespaces/NS/jobs',
  ConfigMap: '/api/v1/namespaces/NS/configmaps',
  Secret: '/api/v1/namespaces/NS/secrets',
  ServiceAccount: '/api/v1/namespaces/NS/serviceaccounts',
  Pod: '/api/v1/namespaces/NS/pods',
};

// Objects flush() writes to learn that a watch has caught up; nothing runs them (a suspended Job,
// a Pod bound to a node that does not exist) and the recorder never records them.
const FLUSH_PREFIX = 'recorder-flush-';
const flushBodies: Record<string, (name: string) => object> = {
  Job: (name) => ({
    apiVersion: 'batch/v1', kind: 'Job', metadata: { name },
    spec: { suspend: true, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'none', image: 'none' }] } } },
  }),
  ConfigMap: (name) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } }),
  Secret: (name) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name } }),
  ServiceAccount: (name) => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name } }),
  Pod: (name) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { nodeName: 'recorder-flush-nowhere', containers: [{ name: 'none', image: 'none' }] } }),
};
const FLUSH_TIMEOUT_MS = 60_000;

export class ObjectRecorder {
  readonly seen: Observed[] = [];
  private readonly client: KubeClient;
  private readonly namespace: string;
  private readonly kinds: string[];
  private readonly controller = new AbortController();
  private readonly ready: Promise<void>[] = [];
  // Names of flush objects not yet seen, with what to call when their ADDED event arrives.
  private readonly awaited = new Map<string, () => void>();
  // Why a kind's watch ended early, for flush()'s error.
  private readonly ended = new Map<string, string>();

  constructor(client: KubeClient, namespace: string, kinds: string[], ignore: (kind: string, obj: any) => boolean = () => false) {
    this.client = client;
    this.namespace = namespace;
    this.kinds = kinds;
    for (const kind of kinds) {
      const path = collections[kind].replace('NS', namespace);
      let markReady!: () => void;
      this.ready.push(new Promise((r) => { markReady = r; }));
      (async () => {
        const list = await client.request<{ metadata: { resourceVersion: string } }>('GET', path);
        markReady();
        for await (const e of client.watch(path, { resourceVersion: list.metadata.resourceVersion }, this.controller.signal)) {
          if (e.type !== 'ADDED' && e.type !== 'DELETED') continue;
          const name: string = e.object.metadata.name;
          if (name.startsWith(FLUSH_PREFIX)) {
            if (e.type === 'ADDED') this.awaited.get(name)?.();
            continue;
          }
          if (ignore(kind, e.object)) continue;
          this.seen.push({ verb: e.type === 'ADDED' ? 'created' : 'deleted', kind, name, at: Date.now() });
        }
        if (!this.controller.signal.aborted) this.ended.set(kind, 'the watch ended');
      })().catch((err: Error) => {
        this.ended.set(kind, `the watch failed: ${err.message}`);
        markReady();
      });
    }
  }

  /** Resolves once every watch is established, so nothing created afterwards is missed. */
  started(): Promise<void> {
    return Promise.all(this.ready).then(() => undefined);
  }

  /**
   * Resolves once every watch has delivered all that happened before the call: each watch delivers in
   * etcd order, so once it shows an object written now, it has shown everything earlier.
   */
  async flush(): Promise<void> {
    await Promise.all(this.kinds.map(async (kind) => {
      const name = `${FLUSH_PREFIX}${randomBytes(4).toString('hex')}`;
      const path = collections[kind].replace('NS', this.namespace);
      let timer: NodeJS.Timeout | undefined;
      const seen = new Promise<void>((resolve, reject) => {
        this.awaited.set(name, resolve);
        timer = setTimeout(() => reject(new Error(
          `the ${kind} watch of namespace ${this.namespace} did not show ${name} within ${FLUSH_TIMEOUT_MS / 1000} s${this.ended.has(kind) ? `: ${this.ended.get(kind)}` : ''}`)), FLUSH_TIMEOUT_MS);
      });
      try {
        await this.client.request('POST', path, { body: flushBodies[kind](name) });
        await seen;
      } finally {
        clearTimeout(timer);
        this.awaited.delete(name);
      }
      await this.client.request('DELETE', `${path}/${name}`, {
        body: { apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: 0, propagationPolicy: 'Background' },
      });
    }));
  }

  stop(): void {
    this.controller.abort();
  }

  /** "created Job/x" lines, in observed order. */
  sequence(filter: (o: Observed) => boolean = () => true): string[] {
    return this.seen.filter(filter).map((o) => `${o.verb} ${o.kind}/${o.name}`);
  }
}
