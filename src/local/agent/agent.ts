// Wires the node agent together: stale-process cleanup, HTTPS log server, node registration and
// heartbeats, and the pod sync loop; stop() kills every process the agent started.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Server } from 'node:https';
import { AgentApiClient } from './api.ts';
import { EventRecorder } from './events.ts';
import { LogStore } from './log-store.ts';
import { startLogServer, type LogLocator } from './log-server.ts';
import { registerNode, startHeartbeats } from './node.ts';
import { PodSync } from './pod-sync.ts';
import { ProcessRunner } from './process-runner.ts';
import { servingCert } from './tls.ts';
import { startWatchdog } from './watchdog.ts';

export type AgentOptions = {
  kubeconfig: string; context?: string; stateDir: string; nodeName: string; port?: number;
  /** Where container start/exit lines go (main.ts: stdout); silent when omitted. */
  trace?: (line: string) => void;
};

export type RunningAgent = { port: number; reapedStale: number; stop(): Promise<void> };

export async function startAgent(options: AgentOptions): Promise<RunningAgent> {
  mkdirSync(options.stateDir, { recursive: true });
  const api = new AgentApiClient(options.kubeconfig, options.context);
  const runner = new ProcessRunner(options.stateDir);
  const reapedStale = runner.reapStale();
  const stopWatchdog = startWatchdog(runner.pidDir);
  const logs = new LogStore(options.stateDir);
  const deps = {
    api, logs, runner, stateDir: options.stateDir, apiserver: api.server, nodePath: dirname(process.execPath),
    events: new EventRecorder(api, options.nodeName), trace: options.trace ?? (() => {}),
  };
  const sync = new PodSync(api, options.nodeName, deps, new EventRecorder(api, options.nodeName, 'default-scheduler'));
  const locate: LogLocator = (namespace, pod, container, previous) => {
    const worker = sync.find(namespace, pod);
    if (!worker) return undefined;
    const attempt = worker.logAttempt(container, previous);
    if (attempt === undefined) return { error: `container "${container}" in pod "${pod}" is not valid` };
    if (attempt < 0) return { error: `previous terminated container "${container}" in pod "${pod}" not found` };
    return { uid: worker.uid, attempt };
  };
  const { server, port } = await startLogServer(servingCert(options.stateDir, options.nodeName), logs, locate, options.port);
  const nodeOptions = { nodeName: options.nodeName, kubeletPort: port };
  await registerNode(api, nodeOptions);
  const stopHeartbeats = await startHeartbeats(api, nodeOptions);
  const watching = new AbortController();
  const syncDone = sync.run(watching.signal);
  let stopped: Promise<void> | undefined;
  const stop = async () => {
    watching.abort();
    stopHeartbeats();
    for (const worker of sync.workers.values()) worker.stop();
    runner.killAll();
    stopWatchdog();
    await syncDone;
    await closeServer(server);
    api.close();
  };
  return { port, reapedStale, stop: () => (stopped ??= stop()) };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
