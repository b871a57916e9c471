// Runs one process to its end and collects what it printed: the one runner behind the tests'
// helm and Hookline command-line helpers.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { referenceTool } from './reference-tools.ts';

export interface ProcessRun { code: number; stdout: string; stderr: string }

/** The development entry point of Hookline's CLI (runs the sources). */
export const hooklineBin = join(import.meta.dirname, '..', '..', 'bin', 'hookline.js');

export interface ProcessOptions {
  /** Added to the test's environment (TZ is UTC unless given). */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Written to stdin, which is then closed; without it stdin is empty. */
  input?: string;
}

export function runProcess(cmd: string, args: string[], options: ProcessOptions = {}): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, TZ: 'UTC', ...options.env }, cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

export type Tool = 'helm' | 'hookline';

/** The executable and arguments that run the reference helm v4, or Hookline's CLI from the sources. */
export function toolCommand(tool: Tool, args: string[]): [string, string[]] {
  return tool === 'helm' ? [referenceTool('helm4'), args] : [process.execPath, [hooklineBin, ...args]];
}

export function runCli(tool: Tool, args: string[], options: ProcessOptions = {}): Promise<ProcessRun> {
  return runProcess(...toolCommand(tool, args), options);
}
