// Hookline's hook-control flag for the release-changing commands: --parallel-hooks[=N].
import type { Command } from 'commander';
import { defaultParallelHooks } from '../release/hook-batches.ts';

export interface HookControlFlagValues {
  parallelHooks?: string | boolean;
}

export function addHookControlFlags(cmd: Command): Command {
  return cmd.option('--parallel-hooks [n]', `Hookline: run hooks of the same weight in one phase together, at most n at once (default ${defaultParallelHooks})`);
}

/** The concurrency cap --parallel-hooks asks for, or undefined when the flag is absent. */
export function parallelHooksFlag(flags: HookControlFlagValues): number | undefined {
  const value = flags.parallelHooks;
  if (value === undefined || value === false) return undefined;
  if (value === true) return defaultParallelHooks;
  if (!/^[1-9][0-9]*$/.test(value)) throw new Error(`invalid argument "${value}" for "--parallel-hooks" flag: use a whole number of hooks at least 1, like --parallel-hooks=4`);
  return Number(value);
}
