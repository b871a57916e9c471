// Runs the hookline CLI against the test cluster, one namespace per scenario, and reads the
// event lines that `-o json` writes to stdout.
import { join } from 'node:path';
import type { LifecycleEvent, TimedEvent } from '../../src/release/events.ts';
import { freshNamespace, testClient, testKubeconfig } from '../support/cluster.ts';
import { runCli, type ProcessRun } from '../support/run-process.ts';

export const chart = (name: string) => join(import.meta.dirname, 'charts', name);

export type CliResult = ProcessRun;

export function hookline(namespace: string, args: string[]): Promise<CliResult> {
  return runCli('hookline', [...args, '--kubeconfig', testKubeconfig(), '-n', namespace]);
}

/** Every line a `-o json` run wrote: its events, then (on success) a `result` line with the release. */
export function jsonLines(stdout: string): Array<{ type: string }> {
  return stdout.trimEnd().split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { type: string });
}

/** The lifecycle events of a `-o json` run. */
export function jsonEvents(stdout: string): TimedEvent[] {
  return jsonLines(stdout).filter((l) => l.type !== 'result') as TimedEvent[];
}

export function ofType<T extends LifecycleEvent['type']>(events: TimedEvent[], type: T): Array<Extract<TimedEvent, { type: T }>> {
  return events.filter((e): e is Extract<TimedEvent, { type: T }> => e.type === type);
}

/** A fresh namespace for one scenario, deleted (with everything in it) by the returned cleanup. */
export async function scenarioNamespace(prefix: string): Promise<{ namespace: string; cleanup: () => Promise<void> }> {
  const client = testClient();
  const namespace = await freshNamespace(client, prefix);
  return {
    namespace,
    cleanup: async () => {
      await client.request('DELETE', `/api/v1/namespaces/${namespace}`).catch(() => undefined);
    },
  };
}
