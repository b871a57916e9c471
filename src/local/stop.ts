// `hookline local down`: stops every process the local cluster recorded (SIGTERM, then
// SIGKILL after a grace period), checks that none is left, and optionally removes the state.
import { existsSync, rmSync } from 'node:fs';
import { componentOrder } from './components.ts';
import { stateLayout, type StateLayout } from './layout.ts';
import { withStateLock } from './lock.ts';
import { isRunning, stopProcess } from './processes.ts';
import { readState, writeState, type ClusterState } from './state.ts';

export interface StopResult {
  stopped: { name: string; pid: number }[];
  purged: boolean;
}

/** Stops the recorded processes, node agent first and etcd last, and forgets them. */
export async function stopRecordedProcesses(layout: StateLayout, state: ClusterState, graceMs?: number): Promise<StopResult['stopped']> {
  const stopped: StopResult['stopped'] = [];
  for (const name of [...componentOrder].reverse()) {
    const proc = state.processes[name];
    if (!proc) continue;
    if (isRunning(proc)) {
      await stopProcess(proc, graceMs);
      stopped.push({ name, pid: proc.pid });
    }
    delete state.processes[name];
    writeState(layout, state);
  }
  return stopped;
}

export async function stopLocalCluster(options: { stateDir?: string; purge?: boolean; graceMs?: number } = {}): Promise<StopResult> {
  const layout = stateLayout(options.stateDir);
  if (!existsSync(layout.root)) return { stopped: [], purged: false };
  return withStateLock(layout, 60_000, () => stopLocked(layout, options));
}

async function stopLocked(layout: StateLayout, options: { purge?: boolean; graceMs?: number }): Promise<StopResult> {
  const state = readState(layout);
  const recorded = Object.values(state?.processes ?? {});
  const stopped = state ? await stopRecordedProcesses(layout, state, options.graceMs) : [];
  const survivors = recorded.filter((proc) => isRunning(proc));
  if (survivors.length) throw new Error(`processes still running after stop: ${survivors.map((p) => `${p.pid} (${p.command})`).join(', ')}`);
  let purged = false;
  if (options.purge && existsSync(layout.root)) {
    // Only a directory that holds a local cluster's files is removed, never an arbitrary one.
    if (!existsSync(layout.stateFile) && !existsSync(layout.pki)) throw new Error(`${layout.root} does not look like a hookline local cluster state directory (no ports.json or pki/); not removing it`);
    rmSync(layout.root, { recursive: true, force: true });
    purged = true;
  }
  return { stopped, purged };
}
