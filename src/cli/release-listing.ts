// The release records `list` looks at: every revision in the namespace (or, with -A, in every
// namespace that holds one), each with the labels of the object storing it, since helm's
// --selector matches those (its system labels name, owner, status, version included).
import type { Release } from '../release/record.ts';
import { releaseKey } from '../storage/driver.ts';
import { actionContext, checkReachable, releaseStorage, storageKind, type ClusterFlags } from './cluster-options.ts';

export interface ListedRecord {
  release: Release;
  labels: Record<string, string>;
}

const parallelNamespaces = 8;

interface MetadataList {
  items: Array<{ metadata: { name: string; namespace: string; labels?: Record<string, string> } }> | null;
}

export async function listedRecords(flags: ClusterFlags, allNamespaces: boolean): Promise<ListedRecord[]> {
  const ctx = actionContext(flags, []);
  await checkReachable(ctx.client);
  const kind = storageKind();
  if (kind === 'memory' || kind === 'sql') return (await ctx.storage.listAll()).map((release) => ({ release, labels: release.labels ?? {} }));
  const plural = kind === 'Secret' ? 'secrets' : 'configmaps';
  // Object metadata only (no release payloads): which namespaces hold records, and their labels.
  const metadata = await ctx.client.request<MetadataList>('GET', allNamespaces ? `/api/v1/${plural}` : `/api/v1/namespaces/${encodeURIComponent(ctx.namespace)}/${plural}`, {
    query: { labelSelector: 'owner=helm' }, accept: 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1',
  }).catch((err: Error) => { throw new Error(`list: failed to list: ${err.message}`, { cause: err }); });
  // An empty PartialObjectMetadataList comes with "items": null.
  const items = metadata.items ?? [];
  const labelsOf = new Map(items.map((i) => [`${i.metadata.namespace}/${i.metadata.name}`, i.metadata.labels ?? {}]));
  const namespaces = allNamespaces ? [...new Set(items.map((i) => i.metadata.namespace))] : [ctx.namespace];
  // A few namespaces at a time: -A on a large cluster must not open a connection per namespace at once.
  const perNamespace: Release[][] = [];
  for (let i = 0; i < namespaces.length; i += parallelNamespaces) {
    perNamespace.push(...await Promise.all(namespaces.slice(i, i + parallelNamespaces).map((ns) => releaseStorage(ctx.client, ns).listAll())));
  }
  return perNamespace.flat().map((release) => ({ release, labels: labelsOf.get(`${release.namespace}/${releaseKey(release.name, release.version)}`) ?? release.labels ?? {} }));
}
