// `hookline local status`: each recorded component's pid, port, memory and health; a dead
// component is reported with the tail of its log.
import { existsSync } from 'node:fs';
import { loadKubeConfig } from '../kube/config.ts';
import { KubeClient } from '../kube/client.ts';
import { componentOrder, type ComponentName } from './components.ts';
import { apiServerHealth, controllerManagerHealth, etcdHealth, nodeHealth, type Health } from './health.ts';
import { stateLayout } from './layout.ts';
import { isRunning, logTail, residentKiB } from './processes.ts';
import { readState } from './state.ts';

export interface ComponentStatus {
  name: ComponentName;
  pid: number;
  port?: number;
  running: boolean;
  health: Health;
  rssKiB: number;
  logFile: string;
  /** The end of the log, for a component that is not running. */
  logTail?: string;
}

export interface LocalClusterStatus {
  stateDir: string;
  kubeconfigPath: string;
  apiServerUrl?: string;
  /** False when no cluster was ever started here or `down` stopped it. */
  started: boolean;
  healthy: boolean;
  components: ComponentStatus[];
}

export async function localClusterStatus(options: { stateDir?: string } = {}): Promise<LocalClusterStatus> {
  const layout = stateLayout(options.stateDir);
  const state = readState(layout);
  const components: ComponentStatus[] = [];
  const recorded = componentOrder.filter((name) => state?.processes[name]);
  const client = existsSync(layout.adminKubeconfig) ? new KubeClient(loadKubeConfig({ kubeconfig: layout.adminKubeconfig })) : undefined;
  for (const name of recorded) {
    const proc = state!.processes[name]!;
    const running = isRunning(proc);
    const port = { etcd: state!.ports.etcdClient, 'kube-apiserver': state!.ports.apiServer, 'kube-controller-manager': state!.ports.controllerManager, 'node-agent': undefined }[name];
    let health: Health = { healthy: false, reason: `process ${proc.pid} is not running` };
    if (running) {
      const needsClient = name === 'kube-apiserver' || name === 'node-agent';
      health = needsClient && !client ? { healthy: false, reason: `${layout.adminKubeconfig} is missing; run 'hookline local up' to write it again` }
        : name === 'etcd' ? await etcdHealth(port!)
        : name === 'kube-apiserver' ? await apiServerHealth(client!)
        : name === 'kube-controller-manager' ? await controllerManagerHealth(port!)
        : await nodeHealth(client!);
    }
    components.push({
      name, pid: proc.pid, port, running, health, rssKiB: running ? residentKiB(proc.pid) : 0, logFile: proc.logFile,
      logTail: running ? undefined : logTail(proc.logFile, 10),
    });
  }
  return {
    stateDir: layout.root, kubeconfigPath: layout.adminKubeconfig, apiServerUrl: state?.apiServerUrl,
    started: components.length > 0, healthy: components.length > 0 && components.every((c) => c.health.healthy), components,
  };
}
