// Flags shared by the release-changing commands (Helm's names) and their parsing: durations
// in Go's syntax (5m0s), the dry-run modes, output formats.
import { Option, type Command } from 'commander';
import { parseDuration } from '../funcs/duration.ts';
import { validateReleaseName } from '../render/release-name.ts';
import { parseGoBool } from './global-flags.ts';

export function parseTimeout(text: string): number {
  try {
    return Number(parseDuration(text) / 1_000_000n);
  } catch {
    throw new Error(`invalid argument "${text}" for "--timeout" flag: time: invalid duration "${text}"`);
  }
}

/** An integer flag parsed as Go's strconv.ParseInt does, refused with pflag's message. */
export function goIntFlag(flag: string): (text: string) => number {
  return (text) => {
    if (!/^[+-]?\d+$/.test(text)) throw new Error(`invalid argument "${text}" for "${flag}" flag: strconv.ParseInt: parsing "${text}": invalid syntax`);
    return Number(text);
  };
}

/**
 * Helm's release-name check as each action words it ("uninstall: Release name is invalid: X"),
 * asked before anything else (before Hookline's lock, whose Lease name would refuse it too).
 */
export function checkReleaseNameFor(action: string, name: string): void {
  try {
    validateReleaseName(name);
  } catch {
    throw new Error(`${action}${name}`);
  }
}

/** --history-max's default: HELM_MAX_HISTORY when it is a number, else helm's 10. */
export function defaultMaxHistory(): number {
  const fromEnv = process.env.HELM_MAX_HISTORY;
  return fromEnv !== undefined && /^[+-]?\d+$/.test(fromEnv) ? Number(fromEnv) : 10;
}

export function addHookFlags(cmd: Command, verb: string): Command {
  return cmd
    .option('--no-hooks', `prevent hooks from running during ${verb}`)
    .option('--timeout <duration>', 'time to wait for any individual Kubernetes operation (like Jobs for hooks)', '5m0s');
}

export function addWaitFlags(cmd: Command): Command {
  return cmd
    .option('--wait', 'wait until all Pods, PVCs, Services, and minimum number of Pods of a Deployment, StatefulSet, or ReplicaSet are in a ready state before marking the release as successful')
    .option('--wait-for-jobs', 'if set and --wait enabled, will wait until all Jobs have been completed before marking the release as successful');
}

export function addOutputFlag(cmd: Command): Command {
  return cmd.addOption(new Option('-o, --output <format>', 'prints the output in the specified format').choices(['table', 'json', 'yaml']).default('table'));
}

export function addProgressFlags(cmd: Command): Command {
  return cmd
    .option('--quiet', 'no progress lines and no timeline on stderr (errors only), as helm prints')
    .option('--hook-logs', 'stream hook pods\' output while they run, prefixed by hook name')
    .option('--report <file.html>', 'write the action\'s timeline as a self-contained HTML page');
}

/** --dry-run takes no value (client), or client / server / none, as in Helm 4. */
export function addDryRunFlag(cmd: Command): Command {
  return cmd.option('--dry-run [mode]', 'simulate the action: "client" renders only, "server" also reads the cluster', false);
}

/** uninstall's --dry-run, a plain boolean flag in helm. */
export function dryRunFlag(value: string | boolean | undefined): boolean {
  if (typeof value !== 'string') return value === true;
  const flag = parseGoBool(value);
  if (flag === undefined) throw new Error(`invalid argument "${value}" for "--dry-run" flag: strconv.ParseBool: parsing "${value}": invalid syntax`);
  return flag;
}

/** helm's reading of --dry-run's value: a mode, or (deprecated) a Go boolean, true meaning client. */
export function dryRunMode(value: string | boolean | undefined): 'none' | 'client' | 'server' {
  if (value === undefined || value === false || value === 'none') return 'none';
  if (value === true || value === 'client') return 'client';
  if (value === 'server') return 'server';
  const flag = parseGoBool(value);
  if (flag === undefined) throw new Error(`invalid dry-run value ("${value}"). Must be "none", "server", or "client"`);
  return flag ? 'client' : 'none';
}
