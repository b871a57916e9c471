// Runs a container as a host process in its own process group, pipes its output into the log store and
// records its pid (with start time) in the state dir so a restarted agent can kill what an earlier one left.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LogWriter } from './log-store.ts';

export type ExitStatus = { exitCode: number; signal?: string; startError?: string };

export type HostProcess = { pid: number; exited: Promise<ExitStatus>; signal(name: NodeJS.Signals): void };

const SIGNAL_NUMBERS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGABRT: 6, SIGKILL: 9, SIGSEGV: 11, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15 };

// Field 22 of /proc/<pid>/stat identifies the process instance, so a reused pid is never killed.
function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function killGroup(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(-pid, name);
  } catch {
    // The group is already gone.
  }
}

export class ProcessRunner {
  readonly pidDir: string;
  private readonly running = new Set<number>();

  constructor(stateDir: string) {
    this.pidDir = join(stateDir, 'pids');
    mkdirSync(this.pidDir, { recursive: true });
  }

  start(argv: string[], options: { cwd: string; env: Record<string, string>; log: LogWriter }): HostProcess {
    const child = spawn(argv[0], argv.slice(1), { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => options.log.write('stdout', chunk));
    child.stderr.on('data', (chunk: Buffer) => options.log.write('stderr', chunk));
    const pid = child.pid ?? -1;
    const pidFile = join(this.pidDir, String(pid));
    if (pid > 0) {
      this.running.add(pid);
      writeFileSync(pidFile, processStartTime(pid) ?? '');
    }
    const exited = new Promise<ExitStatus>((resolve) => {
      let status: ExitStatus | undefined;
      const finish = (result: ExitStatus) => {
        this.running.delete(pid);
        rmSync(pidFile, { force: true });
        options.log.close();
        resolve(result);
      };
      child.on('error', (err) => { if (!child.pid) finish({ exitCode: 128, startError: err.message }); });
      child.on('exit', (code, signal) => {
        status = signal ? { exitCode: 128 + (SIGNAL_NUMBERS[signal] ?? 0), signal } : { exitCode: code ?? 0 };
        // Children left behind in the group go with the container, as they would with its cgroup,
        // which also closes the output pipes they inherited.
        killGroup(pid, 'SIGKILL');
      });
      child.on('close', () => { if (status) finish(status); });
    });
    return { pid, exited, signal: (name) => { if (pid > 0) killGroup(pid, name); } };
  }

  /** Kills every process group this agent started (agent shutdown). */
  killAll(): void {
    for (const pid of this.running) killGroup(pid, 'SIGKILL');
  }

  /** Kills process groups recorded by an earlier agent run that are still alive. */
  reapStale(): number {
    let reaped = 0;
    for (const name of readdirSync(this.pidDir)) {
      const pid = Number(name);
      const recorded = readFileSync(join(this.pidDir, name), 'utf8');
      if (pid > 0 && recorded && processStartTime(pid) === recorded) {
        killGroup(pid, 'SIGKILL');
        reaped++;
      }
      rmSync(join(this.pidDir, name), { force: true });
    }
    return reaped;
  }
}
