// Hookline and helm processes that a test watches while they run: their -o json events as they
// arrive, a wait for a given event, their exit; and the gate files the `gated` chart's hooks wait on.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TimedEvent } from '../../src/release/events.ts';
import type { CliResult } from '../observe/cli.ts';
import { testKubeconfig } from '../support/cluster.ts';
import { referenceTool } from '../support/reference-tools.ts';
import { hooklineBin as bin } from '../support/run-process.ts';

export const gatedChart = join(import.meta.dirname, 'charts', 'gated');

export interface Running {
  pid: number;
  events: TimedEvent[];
  /** Resolves with the first event matching `match`; rejects if the process exits first. */
  waitForEvent(match: (e: TimedEvent) => boolean, what: string): Promise<TimedEvent>;
  done: Promise<CliResult & { signal: NodeJS.Signals | null }>;
}

function start(file: string, args: string[], env: Record<string, string>): Running {
  const child = spawn(file, args, { env: { ...process.env, TZ: 'UTC', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const events: TimedEvent[] = [];
  const waiters: Array<{ match: (e: TimedEvent) => boolean; resolve: (e: TimedEvent) => void }> = [];
  let stdout = '';
  let stderr = '';
  let pending = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d;
    pending += d;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      const event = JSON.parse(line) as TimedEvent;
      events.push(event);
      for (const w of waiters.filter((x) => x.match(event))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(event);
      }
    }
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const done = new Promise<CliResult & { signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? 1, signal, stdout, stderr }));
  });
  return {
    pid: child.pid!,
    events,
    done,
    waitForEvent(match, what) {
      const seen = events.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.push({ match, resolve });
        void done.then((r) => reject(new Error(`the process exited (code ${r.code}, signal ${r.signal}) before ${what}:\n${r.stderr}`)));
      });
    },
  };
}

/** `hookline <args>` against the test cluster (or `kubeconfig`'s) in `namespace`, watched while it runs (events with -o json). */
export function startHookline(namespace: string, args: string[], env: Record<string, string> = {}, kubeconfig = testKubeconfig()): Running {
  return start(process.execPath, [bin, ...args, '--kubeconfig', kubeconfig, '-n', namespace], env);
}

/** The reference helm v4 against the test cluster in `namespace`. */
export function startHelm(namespace: string, args: string[]): Running {
  return start(referenceTool('helm4'), [...args, '--kubeconfig', testKubeconfig(), '-n', namespace], {});
}

/** Gate files in a temporary directory: the `gated` chart's hooks wait while theirs is missing. */
export class Gates {
  readonly dir = mkdtempSync(join(tmpdir(), 'hookline-gates-'));
  path(name: string): string {
    return join(this.dir, name);
  }
  open(name: string): void {
    writeFileSync(this.path(name), '');
  }
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The first `count` of the processes to exit, in the order they exited. */
export function firstExits(runs: Running[], count: number): Promise<Running[]> {
  return new Promise((resolve) => {
    const exited: Running[] = [];
    for (const r of runs) {
      void r.done.then(() => {
        exited.push(r);
        if (exited.length === count) resolve([...exited]);
      });
    }
  });
}
