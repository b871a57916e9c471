// Runs the hookline CLI against the test cluster, one namespace per scenario, and reads the
// event lines that `-o json` writes to stdout.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { LifecycleEvent, TimedEvent } from '../../src/release/events.ts';
import { freshNamespace, testClient, testKubeconfig } from '../support/cluster.ts';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'hookline.js');

export const chart = (name: string) => join(import.meta.dirname, 'charts', name);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function hookline(namespace: string, args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args, '--kubeconfig', testKubeconfig(), '-n', namespace], {
      env: { ...process.env, TZ: 'UTC' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
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
