// Creating, applying, reading and deleting the objects of a manifest: the verbs the release
// lifecycle needs, each resolving the object's REST path through discovery first.
import { parse as parseYaml } from 'yaml';
import type { KubeClient } from './client.ts';
import { ResourceDiscovery, resourcePath, type ResourceInfo } from './discovery.ts';

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; uid?: string; labels?: Record<string, string>; annotations?: Record<string, string>; [k: string]: unknown };
  [field: string]: unknown;
}

export type Propagation = 'Background' | 'Foreground' | 'Orphan';

/** Parses one rendered manifest document (YAML 1.1, as Kubernetes' decoder reads it). */
export function parseObject(doc: string, source: string): KubeObject {
  let obj: unknown;
  try {
    obj = parseYaml(doc, { version: '1.1' });
  } catch (err) {
    throw new Error(`${source}: invalid YAML: ${(err as Error).message}`);
  }
  const o = obj as Partial<KubeObject> | null;
  if (!o || typeof o !== 'object' || !o.apiVersion || !o.kind) {
    throw new Error(`${source}: a Kubernetes object needs apiVersion and kind`);
  }
  if (!o.metadata?.name) throw new Error(`${source}: ${o.kind} has no metadata.name`);
  return o as KubeObject;
}

/** A short human name for an object: Kind/namespace/name or Kind/name. */
export function describeObject(obj: KubeObject): string {
  const ns = obj.metadata.namespace;
  return ns ? `${obj.kind}/${ns}/${obj.metadata.name}` : `${obj.kind}/${obj.metadata.name}`;
}

export class ObjectStore {
  readonly client: KubeClient;
  readonly discovery: ResourceDiscovery;

  constructor(client: KubeClient, discovery = new ResourceDiscovery(client)) {
    this.client = client;
    this.discovery = discovery;
  }

  /** Sets the namespace of a namespaced object that has none; clears it on cluster-scoped ones. */
  async place(obj: KubeObject, namespace: string): Promise<{ obj: KubeObject; info: ResourceInfo }> {
    const info = await this.discovery.resolve(obj.apiVersion, obj.kind);
    const metadata = { ...obj.metadata };
    if (info.namespaced) metadata.namespace ??= namespace;
    else delete metadata.namespace;
    return { obj: { ...obj, metadata }, info };
  }

  async create(obj: KubeObject, namespace: string): Promise<KubeObject> {
    const placed = await this.place(obj, namespace);
    return this.client.request('POST', resourcePath(placed.info, placed.obj.metadata.namespace), { body: placed.obj });
  }

  /** Server-side apply under Hookline's field manager. */
  async apply(obj: KubeObject, namespace: string, options: { fieldManager: string; force?: boolean }): Promise<KubeObject> {
    const placed = await this.place(obj, namespace);
    try {
      return await this.client.request('PATCH', resourcePath(placed.info, placed.obj.metadata.namespace, obj.metadata.name), {
        body: placed.obj,
        contentType: 'application/apply-patch+yaml',
        query: { fieldManager: options.fieldManager, force: options.force ?? false },
      });
    } catch (err) {
      if ((err as { status?: number }).status !== 409) throw err;
      // helm's words around a field-manager conflict, naming the object by Go's GroupVersionKind.
      const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion];
      const where = `${placed.obj.metadata.namespace ?? ''}/${obj.metadata.name} ${group}/${version}, Kind=${obj.kind}`;
      throw Object.assign(new Error(`conflict occurred while applying object ${where}: ${(err as Error).message}`, { cause: err }), { status: 409 });
    }
  }

  /** Replaces the whole object (PUT) at the given resourceVersion: Helm's --force-replace. */
  async replace(obj: KubeObject, namespace: string, resourceVersion: string): Promise<KubeObject> {
    const placed = await this.place(obj, namespace);
    const body = { ...placed.obj, metadata: { ...placed.obj.metadata, resourceVersion } };
    return this.client.request('PUT', resourcePath(placed.info, placed.obj.metadata.namespace, obj.metadata.name), { body });
  }

  /** The live object, or null when it does not exist. */
  async get(obj: KubeObject, namespace: string): Promise<KubeObject | null> {
    const placed = await this.place(obj, namespace);
    try {
      return await this.client.request('GET', resourcePath(placed.info, placed.obj.metadata.namespace, obj.metadata.name));
    } catch (err) {
      if ((err as { status?: number }).status === 404) return null;
      throw err;
    }
  }

  /** Deletes an object; returns false when it was already gone. */
  async delete(obj: KubeObject, namespace: string, propagation: Propagation = 'Background'): Promise<boolean> {
    const placed = await this.place(obj, namespace);
    try {
      await this.client.request('DELETE', resourcePath(placed.info, placed.obj.metadata.namespace, obj.metadata.name), {
        body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: propagation },
      });
      return true;
    } catch (err) {
      if ((err as { status?: number }).status === 404) return false;
      throw err;
    }
  }

  /** Waits, on a watch, until the object no longer exists. */
  async waitForDeletion(obj: KubeObject, namespace: string, signal: AbortSignal): Promise<void> {
    await this.watchUntil(obj, namespace, (live) => live === null, signal);
  }

  /**
   * Watches one object until `done` returns true for its current state (null once it is
   * gone); resumes from a fresh list when the watch ends or expires. Returns that state.
   */
  async watchUntil(obj: KubeObject, namespace: string, done: (live: KubeObject | null) => boolean, signal: AbortSignal): Promise<KubeObject | null> {
    const placed = await this.place(obj, namespace);
    const collection = resourcePath(placed.info, placed.obj.metadata.namespace);
    const fieldSelector = `metadata.name=${obj.metadata.name}`;
    for (;;) {
      signal.throwIfAborted();
      const list = await this.client.request<{ metadata: { resourceVersion: string }; items: KubeObject[] }>(
        'GET', collection, { query: { fieldSelector }, signal });
      // List items carry no kind/apiVersion; give them the object's so callers can judge them.
      let live: KubeObject | null = list.items[0] ? { ...list.items[0], apiVersion: obj.apiVersion, kind: obj.kind } : null;
      if (done(live)) return live;
      for await (const event of this.client.watch(collection, { fieldSelector, resourceVersion: list.metadata.resourceVersion, allowWatchBookmarks: true }, signal)) {
        if (event.type === 'ERROR') break; // e.g. resourceVersion too old: list again
        if (event.type === 'BOOKMARK') continue;
        live = event.type === 'DELETED' ? null : (event.object as KubeObject);
        if (done(live)) return live;
      }
    }
  }
}
