// Running a subprocess plugin as helm 4.1.4 does (internal/plugin/subprocess_commands.go,
// runtime_subprocess.go): the platformCommand for this OS and architecture, $VAR expanded
// from the plugin's environment (HELM_PLUGIN_NAME, HELM_PLUGIN_DIR), extra arguments last.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import type { Plugin } from './load.ts';
import type { PlatformCommand } from './metadata.ts';

/** Go's runtime.GOOS and GOARCH for this process. */
const goos = process.platform === 'win32' ? 'windows' : process.platform;
const goarch = ({ x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' } as Record<string, string>)[process.arch] ?? process.arch;

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** helm's getPlatformCommand: an exact os+arch match, else the first os-only match, else the first with neither. */
function platformCommand(cmds: PlatformCommand[]): { parts: string[]; args: string[] } | undefined {
  let chosen: PlatformCommand | undefined;
  let osMatched = false;
  for (const c of cmds) {
    if (same(c.os, goos) && same(c.arch, goarch)) return { parts: c.command.split(' '), args: c.args };
    if ((c.os !== '' && !same(c.os, goos)) || c.arch !== '') continue;
    if (!osMatched && c.os !== '') {
      chosen = c;
      osMatched = true;
    } else if (!chosen) {
      chosen = c;
    }
  }
  return chosen && { parts: chosen.command.split(' '), args: chosen.args };
}

/** Go's os.Expand: ${NAME} and $NAME (and one-character shell names such as $1, $@) from env, unknown ones empty. */
export function expandVariables(text: string, env: Record<string, string | undefined>): string {
  return text.replace(/\$(?:\{([^}]*)\}|([A-Za-z0-9_]+)|([*#$@!?\-]))/g, (_m, braced?: string, plain?: string, special?: string) =>
    env[braced ?? plain ?? special ?? ''] ?? '');
}

export interface PreparedCommand {
  command: string;
  args: string[];
}

/** helm's PrepareCommands: the command and its arguments, or "no plugin command is applicable". */
export function prepareCommand(plugin: Plugin, cmds: PlatformCommand[], expand: boolean, extraArgs: string[], env: Record<string, string | undefined>): PreparedCommand {
  if (plugin.metadata.runtime !== 'subprocess') {
    throw new Error(`plugin "${plugin.metadata.name}" has the ${plugin.metadata.runtime} runtime, which Hookline does not run (only subprocess plugins)`);
  }
  const chosen = platformCommand(cmds);
  if (!chosen || chosen.parts[0] === '') throw new Error('no plugin command is applicable');
  const expandArg = (a: string) => (expand ? expandVariables(a, env) : a);
  return {
    command: expandVariables(chosen.parts[0], env),
    args: [...chosen.parts.slice(1).map(expandArg), ...chosen.args.map(expandArg), ...extraArgs],
  };
}

/** The environment a plugin runs with: Hookline's own plus the plugin's name and folder. */
export function pluginEnv(plugin: Plugin, extra: Record<string, string> = {}): Record<string, string | undefined> {
  return { ...process.env, ...extra, HELM_PLUGIN_NAME: plugin.metadata.name, HELM_PLUGIN_DIR: plugin.dir };
}

/** A plugin's command ended with a non-zero status: helm's `plugin "x" exited with error`. */
export class PluginExitError extends Error {
  readonly exitCode: number;
  constructor(pluginName: string, exitCode: number) {
    super(`plugin "${pluginName}" exited with error`);
    this.exitCode = exitCode;
  }
}

/** Go's exec errors for a command that could not start. */
function startError(command: string, err: NodeJS.ErrnoException): Error {
  if (err.code === 'ENOENT' && !command.includes('/')) return new Error(`exec: "${command}": executable file not found in $PATH`);
  const reason = err.code === 'ENOENT' ? 'no such file or directory' : err.code === 'EACCES' ? 'permission denied' : err.message;
  return new Error(`fork/exec ${command}: ${reason}`);
}

export interface RunOptions {
  input?: string;
  /** "inherit" passes the terminal through; "pipe" captures. */
  stdout: 'inherit' | 'pipe';
  stderr: 'inherit' | 'pipe';
}

/** Runs a prepared command to its end; throws a PluginExitError on a non-zero status. */
export function runPluginCommand(plugin: Plugin, prepared: PreparedCommand, env: Record<string, string | undefined>, options: RunOptions): SpawnSyncReturns<string> {
  const result = spawnSync(prepared.command, prepared.args, {
    env, input: options.input, encoding: 'utf8', maxBuffer: 1 << 30,
    stdio: [options.input === undefined ? 'inherit' : 'pipe', options.stdout, options.stderr],
  });
  if (result.error) throw startError(prepared.command, result.error as NodeJS.ErrnoException);
  if (result.status !== 0) throw new PluginExitError(plugin.metadata.name, result.status ?? 1);
  return result;
}

/** Runs the plugin's main command (its platformCommand) with extra arguments, as helm's runCLI and runPostrenderer do. */
export function invokePlugin(plugin: Plugin, extraArgs: string[], extraEnv: Record<string, string>, options: RunOptions): SpawnSyncReturns<string> {
  const env = pluginEnv(plugin, extraEnv);
  let prepared: PreparedCommand;
  try {
    prepared = prepareCommand(plugin, plugin.metadata.runtimeConfig.platformCommand, true, extraArgs, env);
  } catch (err) {
    throw new Error(`failed to prepare plugin command: ${(err as Error).message}`, { cause: err });
  }
  return runPluginCommand(plugin, prepared, env, options);
}
