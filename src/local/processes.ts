// Detached component processes: started in their own process group with output to a log
// file, so they outlive the command that started them; found again and stopped by pid.
import { spawn } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface RecordedProcess {
  pid: number;
  /** The executable, checked against /proc so a recycled pid is not mistaken for ours. */
  command: string;
  logFile: string;
}

export function startDetached(command: string, args: string[], logFile: string, env: NodeJS.ProcessEnv = process.env): RecordedProcess {
  // Logs are kept across restarts; a header tells this run's lines from the last one's.
  appendFileSync(logFile, `\n--- hookline local: starting ${command} at ${new Date().toISOString()} ---\n`);
  const out = openSync(logFile, 'a');
  try {
    const child = spawn(command, args, { detached: true, stdio: ['ignore', out, out], env });
    if (child.pid === undefined) throw new Error(`could not start ${command}; see ${logFile}`);
    child.on('error', () => { /* reported through isRunning and the log */ });
    child.unref();
    return { pid: child.pid, command, logFile };
  } finally {
    closeSync(out);
  }
}

/** The process exists, is not a zombie, and still runs the recorded command. */
export function isRunning(proc: RecordedProcess): boolean {
  try {
    const stat = readFileSync(`/proc/${proc.pid}/stat`, 'utf8');
    if (/\) Z /.test(stat)) return false;
    const argv = readFileSync(`/proc/${proc.pid}/cmdline`, 'utf8').split('\0');
    return argv.includes(proc.command);
  } catch {
    return false;
  }
}

/** SIGTERM the process group, then SIGKILL after the grace period; resolves when it is gone. */
export async function stopProcess(proc: RecordedProcess, graceMs = 10_000): Promise<void> {
  if (!isRunning(proc)) return;
  const signalGroup = (signal: NodeJS.Signals) => {
    try { process.kill(-proc.pid, signal); } catch { try { process.kill(proc.pid, signal); } catch { /* already gone */ } }
  };
  signalGroup('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isRunning(proc) && Date.now() < deadline) await sleep(100);
  if (!isRunning(proc)) return;
  signalGroup('SIGKILL');
  const killDeadline = Date.now() + 5_000;
  while (isRunning(proc) && Date.now() < killDeadline) await sleep(50);
  if (isRunning(proc)) throw new Error(`process ${proc.pid} (${proc.command}) survived SIGKILL`);
}

/** Resident memory of a process in KiB, or 0 when it is gone. */
export function residentKiB(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** The last lines of a log file, for error messages about a component that died. */
export function logTail(logFile: string, lines = 20): string {
  if (!existsSync(logFile)) return `(no log at ${logFile})`;
  const size = statSync(logFile).size;
  const fd = openSync(logFile, 'r');
  try {
    const length = Math.min(size, 64 * 1024);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    return buffer.toString('utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } finally {
    closeSync(fd);
  }
}
