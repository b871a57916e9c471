// Loopback ports for the local cluster: reuse the recorded ones when free, otherwise ask the
// kernel for free ones; a port the user asked for that is taken is an error, not a surprise.
import { createServer } from 'node:net';

export interface ClusterPorts {
  etcdClient: number;
  etcdPeer: number;
  apiServer: number;
  controllerManager: number;
}

export const portFlags: Record<keyof ClusterPorts, string> = {
  etcdClient: '--etcd-port',
  etcdPeer: '--etcd-peer-port',
  apiServer: '--api-port',
  controllerManager: '--controller-manager-port',
};

/** True when nothing listens on 127.0.0.1:port (we can bind it ourselves). */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Ports for a start: each requested port must be free; a recorded one is reused when free so
 * the kubeconfig stays valid; anything else gets a fresh port from the kernel.
 */
export async function choosePorts(requested: Partial<ClusterPorts>, recorded: Partial<ClusterPorts> | undefined): Promise<ClusterPorts> {
  const chosen: Partial<ClusterPorts> = {};
  for (const name of Object.keys(portFlags) as (keyof ClusterPorts)[]) {
    const wanted = requested[name];
    if (wanted !== undefined) {
      if (!(await portIsFree(wanted))) {
        throw new Error(`port ${wanted} on 127.0.0.1 (${portFlags[name]}) is already in use by another process; choose a free port with ${portFlags[name]} or stop the process listening there (ss -ltnp 'sport = :${wanted}')`);
      }
      chosen[name] = wanted;
      continue;
    }
    const previous = recorded?.[name];
    const taken = new Set(Object.values(chosen));
    chosen[name] = previous !== undefined && !taken.has(previous) && (await portIsFree(previous)) ? previous : await freePort();
    while (taken.has(chosen[name]!)) chosen[name] = await freePort();
  }
  return chosen as ClusterPorts;
}
