// The live objects of a release as `status` shows them, each followed by the pods its selector
// picks ("v1/Pod(related)"): for the table, as the API server's own tables (what kubectl get
// prints); for -o json|yaml, the objects and pod lists themselves, Helm's info.resources.
import type { KubeClient } from '../kube/client.ts';
import { ResourceDiscovery, resourcePath } from '../kube/discovery.ts';
import type { KubeObject } from '../kube/objects.ts';
import type { Release } from '../storage/record.ts';
import { manifestObjects } from '../release/resources.ts';

interface ServerTable {
  columnDefinitions: Array<{ name: string; priority?: number }>;
  rows: Array<{ cells: unknown[] }>;
}

type LiveObject = KubeObject & { spec?: { selector?: { matchLabels?: Record<string, string> } | Record<string, string> } };

const tableAccept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

/** Helm's key of a resource group: the version without its API group, then the kind ("v1/Deployment"). */
function resourceKey(obj: KubeObject): string {
  return `${obj.apiVersion.split('/').pop()}/${obj.kind}`;
}

interface Found<T> { key: string; live: T }

/**
 * Each manifest object that still exists, fetched as `accept` asks, in manifest order; after
 * each object with a pod selector (taken from the manifest, as Helm does), the list of the pods
 * it selects under "v1/Pod(related)", once per selector.
 */
async function liveObjects<T>(client: KubeClient, release: Release, accept?: string): Promise<Array<Found<T>>> {
  const discovery = new ResourceDiscovery(client);
  const found: Array<Found<T>> = [];
  const selectors = new Set<string>();
  const headers = accept ? { accept } : {};
  for (const obj of manifestObjects(release.manifest)) {
    const namespace = obj.metadata.namespace ?? release.namespace;
    try {
      const info = await discovery.resolve(obj.apiVersion, obj.kind);
      found.push({ key: resourceKey(obj), live: await client.request<T>('GET', resourcePath(info, namespace, obj.metadata.name), headers) });
    } catch {
      continue; // gone or unknown kind: nothing to show, as in Helm
    }
    const selector = podSelector(obj as LiveObject);
    if (!selector) continue;
    const text = Object.keys(selector).sort().map((k) => `${k}=${selector[k]}`).join(',');
    if (selectors.has(text)) continue;
    selectors.add(text);
    const pods = await client.request<T>('GET', `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`, { ...headers, query: { labelSelector: text } });
    found.push({ key: 'v1/Pod(related)', live: pods });
  }
  return found;
}

/** Go's tabwriter as kubectl configures it: min width 6, padding 3, last column unpadded. */
function tabwrite(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(6, ...rows.map((r) => (r[i] ?? '').length + 3)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('')).join('\n') + '\n';
}

/** The RESOURCES section; like Helm, each object through its own tab writer, the header only on the first. */
export async function formatReleaseResources(client: KubeClient, release: Release): Promise<string> {
  const groups = new Map<string, string[]>();
  for (const { key, live: table } of await liveObjects<ServerTable>(client, release, tableAccept)) {
    const shown = table.columnDefinitions.map((c, i) => ({ c, i })).filter(({ c }) => (c.priority ?? 0) === 0);
    const printed = groups.get(key) ?? [];
    const rows = table.rows.map((r) => shown.map(({ i }) => String(r.cells[i] ?? '')));
    if (printed.length === 0) rows.unshift(shown.map(({ c }) => c.name.toUpperCase()));
    printed.push(tabwrite(rows));
    groups.set(key, printed);
  }
  if (groups.size === 0) return '';
  let text = '';
  for (const key of [...groups.keys()].sort()) text += `==> ${key}\n${groups.get(key)!.join('')}\n`;
  return `RESOURCES:\n${text}\n`;
}

/** Helm's getSelectorFromObject: the pod selector of the kinds that have one. */
function podSelector(obj: LiveObject): Record<string, string> | undefined {
  if (['ReplicaSet', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job'].includes(obj.kind)) {
    return (obj.spec?.selector as { matchLabels?: Record<string, string> } | undefined)?.matchLabels;
  }
  return obj.kind === 'ReplicationController' ? obj.spec?.selector as Record<string, string> | undefined : undefined;
}

/** info.resources of `status -o json|yaml`: the live objects by key, related pods as their PodLists. */
export async function releaseResourceObjects(client: KubeClient, release: Release): Promise<Record<string, unknown[]>> {
  const groups: Record<string, unknown[]> = {};
  for (const { key, live } of await liveObjects<LiveObject & { items?: object[] }>(client, release)) {
    // Decoded as unstructured, a list's items carry apiVersion and kind.
    const shown = live.items ? { ...live, items: live.items.map((pod) => ({ apiVersion: 'v1', kind: 'Pod', ...pod })) } : live;
    (groups[key] ??= []).push(shown);
  }
  return groups;
}
