// `up` with the node agent: added to a running control plane, it returns only once the node is
// Ready with a heartbeat from this run, and `down` stops the agent too. (Pods are the agent's tests.)
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeClient } from '../../src/kube/client.ts';
import { loadKubeConfig } from '../../src/kube/config.ts';
import { localClusterStatus, startLocalCluster, stopLocalCluster } from '../../src/local/cluster.ts';

const stateDir = mkdtempSync(join(tmpdir(), 'hookline-node-ready-test-'));
after(async () => {
  await stopLocalCluster({ stateDir, purge: true });
  rmSync(stateDir, { recursive: true, force: true });
});

const isAlive = (pid: number) => existsSync(`/proc/${pid}`) && !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));

async function readyCondition(kubeconfig: string, nodeName: string) {
  const client = new KubeClient(loadKubeConfig({ kubeconfig }));
  const node = await client.request('GET', `/api/v1/nodes/${nodeName}`);
  return node.status.conditions.find((c: { type: string }) => c.type === 'Ready');
}

test('up adds the agent to a running control plane, waits for a Ready node with a fresh heartbeat, also after a restart; down stops the agent', async () => {
  const controlPlaneOnly = await startLocalCluster({ stateDir, agent: false });
  const firstStart = new Date();
  const first = await startLocalCluster({ stateDir });
  // The agent joins the running control plane; nothing else is restarted.
  assert.equal(first.alreadyRunning, false);
  for (const name of ['etcd', 'kube-apiserver', 'kube-controller-manager'] as const) assert.equal(first.pids[name], controlPlaneOnly.pids[name], name);
  assert.ok(first.pids['node-agent']);
  const ready = await readyCondition(first.kubeconfigPath, first.nodeName);
  assert.equal(ready.status, 'True');
  assert.ok(Date.parse(ready.lastHeartbeatTime) >= Math.floor(firstStart.getTime() / 1000) * 1000);
  const status = await localClusterStatus({ stateDir });
  assert.deepEqual(status.components.map((c) => [c.name, c.health.healthy]), [
    ['etcd', true], ['kube-apiserver', true], ['kube-controller-manager', true], ['node-agent', true],
  ]);

  await stopLocalCluster({ stateDir });
  assert.equal(isAlive(first.pids['node-agent']!), false);
  // The Node object survives in etcd, still saying Ready from the first run.
  const secondStart = new Date(Date.now() + 1000);
  await new Promise((r) => setTimeout(r, 1000));
  const second = await startLocalCluster({ stateDir });
  const again = await readyCondition(second.kubeconfigPath, second.nodeName);
  assert.equal(again.status, 'True');
  assert.ok(Date.parse(again.lastHeartbeatTime) >= Math.floor(secondStart.getTime() / 1000) * 1000, `heartbeat ${again.lastHeartbeatTime} is from the second run`);
});
