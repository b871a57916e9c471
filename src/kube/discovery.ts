// Maps an object's apiVersion and kind to its REST resource (plural name, namespaced or not)
// using the API server's discovery documents, fetched once per group-version and cached.
import type { KubeClient } from './client.ts';

export interface ResourceInfo {
  apiVersion: string;
  kind: string;
  /** Plural resource name used in URLs, e.g. "jobs". */
  resource: string;
  namespaced: boolean;
}

export class UnknownKindError extends Error {}

interface ApiResourceList {
  resources: Array<{ name: string; kind: string; namespaced: boolean }>;
}

export class ResourceDiscovery {
  private readonly client: KubeClient;
  private readonly byGroupVersion = new Map<string, Promise<Map<string, ResourceInfo>>>();

  constructor(client: KubeClient) {
    this.client = client;
  }

  /** The resource for a kind; throws UnknownKindError saying to install CRDs first, as Helm does. */
  async resolve(apiVersion: string, kind: string): Promise<ResourceInfo> {
    const kinds = await this.kindsOf(apiVersion);
    const info = kinds?.get(kind);
    if (!info) {
      throw new UnknownKindError(`no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first`);
    }
    return info;
  }

  /** Forgets what was learnt, e.g. after CRDs were installed. */
  invalidate(): void {
    this.byGroupVersion.clear();
  }

  private kindsOf(apiVersion: string): Promise<Map<string, ResourceInfo> | undefined> {
    let pending = this.byGroupVersion.get(apiVersion);
    if (!pending) {
      pending = this.fetchKinds(apiVersion);
      this.byGroupVersion.set(apiVersion, pending);
      // A failed lookup must not stick: the next call asks again.
      pending.catch(() => this.byGroupVersion.delete(apiVersion));
    }
    return pending.then((kinds) => (kinds.size === 0 ? undefined : kinds));
  }

  private async fetchKinds(apiVersion: string): Promise<Map<string, ResourceInfo>> {
    const path = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    const kinds = new Map<string, ResourceInfo>();
    let list: ApiResourceList;
    try {
      list = await this.client.request<ApiResourceList>('GET', path);
    } catch (err) {
      if ((err as { status?: number }).status === 404) return kinds;
      throw err;
    }
    for (const r of list.resources) {
      if (r.name.includes('/')) continue; // subresources such as jobs/status
      kinds.set(r.kind, { apiVersion, kind: r.kind, resource: r.name, namespaced: r.namespaced });
    }
    return kinds;
  }
}

/** The REST path of a resource collection or of one object in it. */
export function resourcePath(info: ResourceInfo, namespace: string | undefined, name?: string): string {
  const base = info.apiVersion.includes('/') ? `/apis/${info.apiVersion}` : `/api/${info.apiVersion}`;
  const scoped = info.namespaced ? `${base}/namespaces/${encodeURIComponent(namespace ?? 'default')}` : base;
  const collection = `${scoped}/${info.resource}`;
  return name === undefined ? collection : `${collection}/${encodeURIComponent(name)}`;
}
