// Health probes of the local cluster's components, each answering "healthy" or why not.
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import type { KubeClient } from '../kube/client.ts';
import { nodeName } from './components.ts';

export type Health = { healthy: true } | { healthy: false; reason: string };

function probeUrl(url: string): Promise<Health> {
  const get = url.startsWith('https:') ? httpsGet : httpGet;
  return new Promise((resolve) => {
    // The controller manager serves a self-signed certificate; only its answer matters here.
    const req = get(url, { rejectUnauthorized: false, timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200 ? { healthy: true } : { healthy: false, reason: `${url} answered HTTP ${res.statusCode}` });
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (err) => resolve({ healthy: false, reason: `${url}: ${err.message}` }));
  });
}

export const etcdHealth = (port: number) => probeUrl(`http://127.0.0.1:${port}/health`);
export const controllerManagerHealth = (port: number) => probeUrl(`https://127.0.0.1:${port}/healthz`);

export async function apiServerHealth(client: KubeClient): Promise<Health> {
  try {
    const res = await client.requestRaw('GET', '/readyz', { timeoutMs: 3000 });
    return res.status === 200 ? { healthy: true } : { healthy: false, reason: `/readyz answered HTTP ${res.status}: ${res.body.toString().trim().split('\n').filter((l) => l.includes('failed')).join('; ')}` };
  } catch (err) {
    return { healthy: false, reason: (err as Error).message };
  }
}

export async function defaultServiceAccountHealth(client: KubeClient): Promise<Health> {
  try {
    await client.request('GET', '/api/v1/namespaces/default/serviceaccounts/default', { timeoutMs: 3000 });
    return { healthy: true };
  } catch (err) {
    return { healthy: false, reason: `the default ServiceAccount does not exist yet: ${(err as Error).message}` };
  }
}

/**
 * The node is Ready with a heartbeat from this run: after a restart the Node object still
 * says Ready from the previous run until the node lifecycle controller notices the silence.
 */
export async function nodeHealth(client: KubeClient, heartbeatSince?: Date): Promise<Health> {
  try {
    const node = await client.request('GET', `/api/v1/nodes/${nodeName}`, { timeoutMs: 3000 });
    const ready = (node?.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready');
    if (ready?.status !== 'True') return { healthy: false, reason: `node ${nodeName} is not Ready${ready?.message ? `: ${ready.message}` : ''}` };
    // Heartbeat times have whole seconds, so compare at that precision.
    if (heartbeatSince && Date.parse(ready.lastHeartbeatTime) < Math.floor(heartbeatSince.getTime() / 1000) * 1000) {
      return { healthy: false, reason: `node ${nodeName} has not sent a heartbeat since ${heartbeatSince.toISOString()}` };
    }
    return { healthy: true };
  } catch (err) {
    return { healthy: false, reason: `node ${nodeName}: ${(err as Error).message}` };
  }
}
