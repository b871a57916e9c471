// The RESOURCES section of `status`: each object of the release as the API server's own table
// (what kubectl get prints), grouped by group/version/kind. Like Helm, each object is printed
// through its own tab writer, so rows are aligned per object, the header only on the first.
import type { KubeClient } from '../kube/client.ts';
import { ResourceDiscovery, resourcePath } from '../kube/discovery.ts';
import type { Release } from '../release/record.ts';
import { manifestObjects } from '../release/resources.ts';

interface ServerTable {
  columnDefinitions: Array<{ name: string; priority?: number }>;
  rows: Array<{ cells: unknown[] }>;
}

const tableAccept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

/** Go's tabwriter as kubectl configures it: min width 6, padding 3, last column unpadded. */
function tabwrite(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(6, ...rows.map((r) => (r[i] ?? '').length + 3)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('')).join('\n') + '\n';
}

export async function formatReleaseResources(client: KubeClient, release: Release): Promise<string> {
  const discovery = new ResourceDiscovery(client);
  const groups = new Map<string, string[]>();
  for (const obj of manifestObjects(release.manifest)) {
    let table: ServerTable;
    try {
      const info = await discovery.resolve(obj.apiVersion, obj.kind);
      table = await client.request<ServerTable>('GET', resourcePath(info, obj.metadata.namespace ?? release.namespace, obj.metadata.name), { accept: tableAccept });
    } catch {
      continue; // gone or unknown kind: nothing to show, as in Helm
    }
    const shown = table.columnDefinitions.map((c, i) => ({ c, i })).filter(({ c }) => (c.priority ?? 0) === 0);
    const key = `${obj.apiVersion}/${obj.kind}`;
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
