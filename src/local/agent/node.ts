// Registers this machine as a Kubernetes Node (InternalIP 127.0.0.1, kubelet endpoint = the log server)
// and keeps it alive: the Lease in kube-node-lease every 10s and the Ready heartbeat in node status.
import { release } from 'node:os';
import { KubeApiError } from '../../kube/client.ts';
import type { AgentApiClient, ApiObject } from './api.ts';
import { kubeTime, microTime } from './time.ts';

const LEASE_SECONDS = 40;
const RENEW_MS = 10_000;
const STATUS_MS = 20_000;
export const KUBELET_VERSION = 'v1.35.4';

export type NodeOptions = { nodeName: string; kubeletPort: number; capacityPods?: number };

// The conditions never change while the agent runs, so they transitioned when it registered.
const registeredAt = kubeTime();

function conditions(now: string): ApiObject[] {
  const condition = (type: string, status: string, reason: string, message: string) =>
    ({ type, status, reason, message, lastHeartbeatTime: now, lastTransitionTime: registeredAt });
  return [
    condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    condition('Ready', 'True', 'KubeletReady', 'hookline node agent is posting ready status'),
  ];
}

function nodeStatus(options: NodeOptions, now: string): ApiObject {
  const resources = { cpu: '64', memory: '256Gi', pods: String(options.capacityPods ?? 500), 'ephemeral-storage': '1Ti' };
  return {
    capacity: resources,
    allocatable: resources,
    conditions: conditions(now),
    addresses: [{ type: 'InternalIP', address: '127.0.0.1' }, { type: 'Hostname', address: options.nodeName }],
    daemonEndpoints: { kubeletEndpoint: { Port: options.kubeletPort } },
    nodeInfo: {
      machineID: '', systemUUID: '', bootID: '', kernelVersion: release(), osImage: 'hookline host processes',
      containerRuntimeVersion: 'hookline://host-process', kubeletVersion: KUBELET_VERSION, kubeProxyVersion: '',
      operatingSystem: 'linux', architecture: process.arch === 'x64' ? 'amd64' : process.arch,
    },
  };
}

/** Creates the Node (or takes over an existing one) and writes its status. */
export async function registerNode(api: AgentApiClient, options: NodeOptions): Promise<void> {
  const labels = {
    'kubernetes.io/hostname': options.nodeName, 'kubernetes.io/os': 'linux',
    'kubernetes.io/arch': process.arch === 'x64' ? 'amd64' : process.arch, 'node.kubernetes.io/instance-type': 'hookline-host',
  };
  try {
    await api.request('POST', '/api/v1/nodes', { body: { apiVersion: 'v1', kind: 'Node', metadata: { name: options.nodeName, labels }, spec: {} } });
  } catch (err) {
    if (!(err instanceof KubeApiError && err.status === 409)) throw err;
  }
  await writeNodeStatus(api, options);
}

async function writeNodeStatus(api: AgentApiClient, options: NodeOptions): Promise<void> {
  await api.request('PATCH', `/api/v1/nodes/${options.nodeName}/status`, { body: { status: nodeStatus(options, kubeTime()) },
    contentType: 'application/merge-patch+json' });
}

async function renewLease(api: AgentApiClient, nodeName: string, nodeUid: string): Promise<void> {
  const path = `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${nodeName}`;
  const spec = { holderIdentity: nodeName, leaseDurationSeconds: LEASE_SECONDS, renewTime: microTime() };
  try {
    await api.request('PATCH', path, { body: { spec }, contentType: 'application/merge-patch+json' });
  } catch (err) {
    if (!(err instanceof KubeApiError && err.status === 404)) throw err;
    // Owned by the Node so the lease goes away with it, as the kubelet's does.
    const ownerReferences = [{ apiVersion: 'v1', kind: 'Node', name: nodeName, uid: nodeUid }];
    await api.request('POST', '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases',
      { body: { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: nodeName, ownerReferences }, spec } });
  }
}

/** Starts the lease and status heartbeats; returns a function that stops them. */
export async function startHeartbeats(api: AgentApiClient, options: NodeOptions): Promise<() => void> {
  const node = await api.request('GET', `/api/v1/nodes/${options.nodeName}`);
  const report = (what: string) => (err: Error) => console.error(`node ${options.nodeName}: ${what} failed: ${err.message}`);
  const lease = () => renewLease(api, options.nodeName, node.metadata.uid).catch(report('lease renewal'));
  await lease();
  const leaseTimer = setInterval(lease, RENEW_MS);
  const statusTimer = setInterval(() => writeNodeStatus(api, options).catch(report('status heartbeat')), STATUS_MS);
  return () => {
    clearInterval(leaseTimer);
    clearInterval(statusTimer);
  };
}
