// The recorded state of a local cluster (ports.json): its ports and the processes it started,
// so later commands can find, check and stop them.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { ComponentName } from './components.ts';
import type { StateLayout } from './layout.ts';
import type { ClusterPorts } from './ports.ts';
import type { RecordedProcess } from './processes.ts';

export interface ClusterState {
  ports: ClusterPorts;
  apiServerUrl: string;
  processes: Partial<Record<ComponentName, RecordedProcess>>;
}

export function readState(layout: StateLayout): ClusterState | undefined {
  if (!existsSync(layout.stateFile)) return undefined;
  try {
    return JSON.parse(readFileSync(layout.stateFile, 'utf8')) as ClusterState;
  } catch (err) {
    throw new Error(`${layout.stateFile} is not valid JSON (${(err as Error).message}); stop any processes it listed by hand, then delete it`);
  }
}

/** Written through a temporary file so a crash never leaves half a state file behind. */
export function writeState(layout: StateLayout, state: ClusterState): void {
  const temporary = `${layout.stateFile}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(temporary, layout.stateFile);
}
