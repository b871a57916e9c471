// What the cluster offers templates as .Capabilities: its version and every API group/version
// and group/version/Kind it serves, read from discovery (as Helm does for install/upgrade).
import type { ClusterCapabilities } from '../render/capabilities.ts';
import type { KubeClient } from './client.ts';

interface Groups { groups: Array<{ versions: Array<{ groupVersion: string }> }> }
interface Resources { resources: Array<{ name: string; kind: string }> }

export async function clusterCapabilities(client: KubeClient): Promise<ClusterCapabilities> {
  const version = await client.request<{ gitVersion: string }>('GET', '/version');
  const core = await client.request<{ versions: string[] }>('GET', '/api');
  const groups = await client.request<Groups>('GET', '/apis');
  const groupVersions = [...core.versions, ...groups.groups.flatMap((g) => g.versions.map((v) => v.groupVersion))];
  const apiVersions = new Set<string>();
  await Promise.all(groupVersions.map(async (gv) => {
    apiVersions.add(gv);
    const list = await client.request<Resources>('GET', gv.includes('/') ? `/apis/${gv}` : `/api/${gv}`).catch(() => ({ resources: [] }));
    for (const r of list.resources) if (!r.name.includes('/')) apiVersions.add(`${gv}/${r.kind}`);
  }));
  return { kubeVersion: version.gitVersion, apiVersions: [...apiVersions].sort() };
}
