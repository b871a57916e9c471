// `hookline local up`: builds or finds the binaries, makes the PKI and kubeconfigs, starts
// etcd, kube-apiserver, kube-controller-manager and the node agent detached, and waits until
// each is healthy. Starting a cluster that already runs healthy changes nothing.
import { existsSync, mkdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadKubeConfig } from '../kube/config.ts';
import { KubeClient } from '../kube/client.ts';
import { writeAuditPolicy } from './audit-policy.ts';
import { controlPlaneBinaries } from './binaries.ts';
import { agentCommand, agentEntryPoint, componentCommands, componentOrder, nodeName, type ComponentCommand, type ComponentName } from './components.ts';
import { apiServerHealth, controllerManagerHealth, defaultServiceAccountHealth, etcdHealth, nodeHealth, type Health } from './health.ts';
import { writeKubeconfig } from './kubeconfig.ts';
import { stateLayout, type StateLayout } from './layout.ts';
import { withStateLock } from './lock.ts';
import { ensurePki } from './pki.ts';
import { choosePorts, portFlags, type ClusterPorts } from './ports.ts';
import { isRunning, logTail, startDetached, stopProcess, type RecordedProcess } from './processes.ts';
import { readState, writeState, type ClusterState } from './state.ts';
import { stopRecordedProcesses } from './stop.ts';

export interface StartOptions {
  stateDir?: string;
  /** Ports to use instead of free ones chosen automatically. */
  ports?: Partial<ClusterPorts>;
  /** Start the node agent and wait for the node to be Ready (default true). */
  agent?: boolean;
  /** How long to wait for each component to become healthy (default 120 s). */
  timeoutMs?: number;
  showBuildOutput?: boolean;
  onProgress?: (message: string) => void;
}

export interface LocalCluster {
  stateDir: string;
  kubeconfigPath: string;
  apiServerUrl: string;
  auditLogPath: string;
  ports: ClusterPorts;
  /** The Node the agent registers (when started with the agent). */
  nodeName: string;
  pids: Partial<Record<ComponentName, number>>;
  /** True when `up` found the cluster already running and healthy and left it alone. */
  alreadyRunning: boolean;
}

export class LocalClusterError extends Error {}

function describe(layout: StateLayout, state: ClusterState, alreadyRunning: boolean): LocalCluster {
  const pids: Partial<Record<ComponentName, number>> = {};
  for (const [name, proc] of Object.entries(state.processes)) pids[name as ComponentName] = proc.pid;
  return {
    stateDir: layout.root, kubeconfigPath: layout.adminKubeconfig, apiServerUrl: state.apiServerUrl,
    auditLogPath: layout.auditLog, ports: state.ports, nodeName, pids, alreadyRunning,
  };
}

function adminClient(layout: StateLayout): KubeClient {
  return new KubeClient(loadKubeConfig({ kubeconfig: layout.adminKubeconfig }));
}

/** The recorded control plane runs and the apiserver is ready (the agent is checked apart). */
async function controlPlaneHealthy(layout: StateLayout, state: ClusterState | undefined): Promise<boolean> {
  if (!state || !existsSync(layout.adminKubeconfig)) return false;
  const controlPlane = componentOrder.filter((name) => name !== 'node-agent');
  if (!controlPlane.every((name) => state.processes[name] && isRunning(state.processes[name]!))) return false;
  return (await apiServerHealth(adminClient(layout))).healthy;
}

function requireAgentEntryPoint(): void {
  if (!existsSync(agentEntryPoint())) {
    throw new LocalClusterError(`the node agent ${agentEntryPoint()} does not exist, so pods could not run; start only the control plane with 'hookline local up --no-agent'`);
  }
}

/** Starts one component, records it, and waits for its probe; on failure it is stopped again. */
async function startComponent(layout: StateLayout, state: ClusterState, command: ComponentCommand, probe: () => Promise<Health>, timeoutMs: number): Promise<void> {
  state.processes[command.name] = startDetached(command.command, command.args, command.logFile);
  writeState(layout, state);
  await waitHealthy(command.name === 'node-agent' ? `node agent (node ${nodeName})` : command.name, state.processes[command.name]!, probe, timeoutMs);
}

/** Polls a probe until healthy; fails early, with the log tail, if the process dies meanwhile. */
async function waitHealthy(what: string, proc: RecordedProcess, probe: () => Promise<Health>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: Health = { healthy: false, reason: 'not probed yet' };
  while (Date.now() < deadline) {
    if (!isRunning(proc)) {
      throw new LocalClusterError(`${what} exited during start-up; last lines of ${proc.logFile}:\n${logTail(proc.logFile)}`);
    }
    last = await probe();
    if (last.healthy) return;
    await sleep(250);
  }
  throw new LocalClusterError(`${what} did not become healthy within ${Math.round(timeoutMs / 1000)} s (${last.reason}); last lines of ${proc.logFile}:\n${logTail(proc.logFile)}`);
}

/** The control plane already runs: check the ports asked for, and add the agent if it is missing. */
async function reuseRunning(layout: StateLayout, running: ClusterState, options: StartOptions, withAgent: boolean, timeoutMs: number): Promise<LocalCluster> {
  const moved = (Object.keys(options.ports ?? {}) as (keyof ClusterPorts)[]).filter((name) => options.ports![name] !== running.ports[name]);
  if (moved.length) {
    throw new LocalClusterError(`the local cluster in ${layout.root} already runs with ${moved.map((name) => `${portFlags[name]} ${running.ports[name]}`).join(', ')}; run 'hookline local down' first to change its ports`);
  }
  const agent = running.processes['node-agent'];
  if (!withAgent) return describe(layout, running, true);
  if (agent && isRunning(agent)) {
    await waitHealthy('node agent', agent, () => nodeHealth(adminClient(layout)), timeoutMs);
    return describe(layout, running, true);
  }
  // Only the agent is missing: add it without disturbing a control plane others may be using.
  requireAgentEntryPoint();
  options.onProgress?.('starting node-agent');
  const started = new Date();
  try {
    await startComponent(layout, running, agentCommand(layout), () => nodeHealth(adminClient(layout), started), timeoutMs);
  } catch (err) {
    await stopProcess(running.processes['node-agent']!);
    delete running.processes['node-agent'];
    writeState(layout, running);
    throw err;
  }
  return describe(layout, running, false);
}

export async function startLocalCluster(options: StartOptions = {}): Promise<LocalCluster> {
  const layout = stateLayout(options.stateDir);
  // Waiting covers another caller's first build of the binaries, which takes minutes.
  return withStateLock(layout, 30 * 60_000, () => startLocked(layout, options));
}

async function startLocked(layout: StateLayout, options: StartOptions): Promise<LocalCluster> {
  const progress = options.onProgress ?? (() => {});
  const timeoutMs = options.timeoutMs ?? 120_000;
  const withAgent = options.agent ?? true;
  const wanted = componentOrder.filter((name) => withAgent || name !== 'node-agent');
  const previous = readState(layout);

  if (await controlPlaneHealthy(layout, previous)) return reuseRunning(layout, previous!, options, withAgent, timeoutMs);
  // A partly running cluster is restarted whole: its parts may hold stale ports or data.
  if (previous) await stopRecordedProcesses(layout, previous);
  if (withAgent) requireAgentEntryPoint();

  mkdirSync(layout.logs, { recursive: true });
  progress('finding the control plane binaries (controlplane/build.sh builds them on first use, which takes minutes)');
  const binaries = controlPlaneBinaries({ showBuildOutput: options.showBuildOutput });
  const pki = ensurePki(layout.pki);
  const ports = await choosePorts(options.ports ?? {}, previous?.ports);
  const apiServerUrl = `https://127.0.0.1:${ports.apiServer}`;
  writeKubeconfig(layout.adminKubeconfig, apiServerUrl, pki.caCert, pki.adminCert, pki.adminKey, 'hookline-admin');
  writeKubeconfig(layout.controllerManagerKubeconfig, apiServerUrl, pki.caCert, pki.controllerManagerCert, pki.controllerManagerKey, 'system:kube-controller-manager');
  writeAuditPolicy(layout.auditPolicy);

  const state: ClusterState = { ports, apiServerUrl, processes: {} };
  const commands = componentCommands(binaries, layout, pki, ports);
  const client = adminClient(layout);
  // Set when the agent starts; its node must report a heartbeat newer than that.
  const agentStarted = new Date();
  const probes: Record<ComponentName, () => Promise<Health>> = {
    etcd: () => etcdHealth(ports.etcdClient),
    'kube-apiserver': () => apiServerHealth(client),
    'kube-controller-manager': async () => {
      const health = await controllerManagerHealth(ports.controllerManager);
      return health.healthy ? defaultServiceAccountHealth(client) : health;
    },
    'node-agent': () => nodeHealth(client, agentStarted),
  };
  try {
    for (const name of wanted) {
      progress(`starting ${name}`);
      if (name === 'node-agent') agentStarted.setTime(Date.now());
      await startComponent(layout, state, commands[name], probes[name], timeoutMs);
    }
  } catch (err) {
    await stopRecordedProcesses(layout, state);
    throw err;
  }
  return describe(layout, state, false);
}
