// Records, from watches, the order in which objects of a namespace are created and deleted:
// how lifecycle tests compare the hook sequence of Hookline and of helm.
import type { KubeClient } from '../../src/kube/client.ts';

export interface Observed { verb: 'created' | 'deleted'; kind: string; name: string; at: number }

const collections: Record<string, string> = {
  Job: '/apis/batch/v1/namespaces/NS/jobs',
  ConfigMap: '/api/v1/namespaces/NS/configmaps',
  Secret: '/api/v1/namespaces/NS/secrets',
  ServiceAccount: '/api/v1/namespaces/NS/serviceaccounts',
  Pod: '/api/v1/namespaces/NS/pods',
};

export class ObjectRecorder {
  readonly seen: Observed[] = [];
  private readonly controller = new AbortController();
  private readonly ready: Promise<void>[] = [];

  constructor(client: KubeClient, namespace: string, kinds: string[], ignore: (kind: string, obj: any) => boolean = () => false) {
    for (const kind of kinds) {
      const path = collections[kind].replace('NS', namespace);
      let markReady!: () => void;
      this.ready.push(new Promise((r) => { markReady = r; }));
      (async () => {
        const list = await client.request<{ metadata: { resourceVersion: string } }>('GET', path);
        markReady();
        for await (const e of client.watch(path, { resourceVersion: list.metadata.resourceVersion }, this.controller.signal)) {
          if ((e.type !== 'ADDED' && e.type !== 'DELETED') || ignore(kind, e.object)) continue;
          this.seen.push({ verb: e.type === 'ADDED' ? 'created' : 'deleted', kind, name: e.object.metadata.name, at: Date.now() });
        }
      })().catch(() => markReady());
    }
  }

  /** Resolves once every watch is established, so nothing created afterwards is missed. */
  started(): Promise<void> {
    return Promise.all(this.ready).then(() => undefined);
  }

  stop(): void {
    this.controller.abort();
  }

  /** "created Job/x" lines, in observed order. */
  sequence(filter: (o: Observed) => boolean = () => true): string[] {
    return this.seen.filter(filter).map((o) => `${o.verb} ${o.kind}/${o.name}`);
  }
}
