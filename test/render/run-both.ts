// Runs `helm template` (the reference helm v4.1.4) and `hookline template` with the same
// arguments, TZ=UTC, and returns what each printed and its exit code.
import { spawnSync } from 'node:child_process';
import { referenceTool } from '../support/reference-tools.ts';
import { hooklineBin } from '../support/run-process.ts';

export interface CommandResult {
  stdout: string;
  stderr: string;
  code: number;
}


function run(command: string, args: string[], cwd: string): CommandResult {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' }, maxBuffer: 1 << 28 });
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, code: result.status ?? -1 };
}

export function helmTemplate(args: string[], cwd: string): CommandResult {
  return run(referenceTool('helm4'), ['template', ...args], cwd);
}

export function hooklineTemplate(args: string[], cwd: string): CommandResult {
  return run(process.execPath, [hooklineBin, 'template', ...args], cwd);
}
