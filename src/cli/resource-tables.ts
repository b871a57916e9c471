// The live objects of a release, as `status` shows them: for the table, each object as the API
// server's own table (what kubectl get prints); for -o json|yaml, the objects themselves plus the
// lists of the pods their selectors pick ("v1/Pod(related)"), as Helm's status fills info.resources.
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

/** Each manifest object that still exists, fetched as `accept` asks, in manifest order. */
async function liveObjects<T>(client: KubeClient, release: Release, accept?: string): Promise<Array<{ key: string; live: T; namespace: string }>> {
  const discovery = new ResourceDiscovery(client);
  const found: Array<{ key: string; live: T; namespace: string }> = [];
  for (const obj of manifestObjects(release.manifest)) {
    const namespace = obj.metadata.namespace ?? release.namespace;
    try {
      const info = await discovery.resolve(obj.apiVersion, obj.kind);
      const live = await client.request<T>('GET', resourcePath(info, namespace, obj.metadata.name), accept ? { accept } : {});
      found.push({ key: resourceKey(obj), live, namespace });
    } catch {
      // gone or unknown kind: nothing to show, as in Helm
    }
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

/** info.resources of `status -o json|yaml`: the live objects by key, then the pods each selector picks, once per selector. */
export async function releaseResourceObjects(client: KubeClient, release: Release): Promise<Record<string, unknown[]>> {
  const groups: Record<string, unknown[]> = {};
  const selectors = new Set<string>();
  for (const { key, live, namespace } of await liveObjects<LiveObject>(client, release)) {
    (groups[key] ??= []).push(live);
    const selector = podSelector(live);
    if (!selector) continue;
    const text = Object.keys(selector).sort().map((k) => `${k}=${selector[k]}`).join(',');
    if (selectors.has(text)) continue;
    selectors.add(text);
    const pods = await client.request<{ items: object[] }>('GET', `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`, { query: { labelSelector: text } });
    // Helm adds the PodList itself; decoded as unstructured, its items carry apiVersion and kind.
    const items = pods.items.map((pod) => ({ apiVersion: 'v1', kind: 'Pod', ...pod }));
    (groups['v1/Pod(related)'] ??= []).push({ ...pods, items });
  }
  return groups;
}
