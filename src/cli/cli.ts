// The hookline command line: each command lives in its own module and registers itself here.
// Only the modules of the command being run are loaded, so `hookline version` starts quickly.
// Errors print as Helm prints them ("Error: ...") and exit 1. Started by main.ts, or by the
// executable's start-up snapshot (scripts/snapshot-entry.ts) after it is deserialized.
import { spawnSync } from 'node:child_process';
import { Command } from 'commander';
import { globalFlagsHelp, takeGlobalFlags } from './global-flags.ts';

type CommandModule = { register(program: Command): void };

// Command modules in help order, each with the top-level command names (and aliases) it adds.
// `rendersCharts` marks the commands whose runs scripts/v8-flags.ts tunes V8 for; that list has to
// be decided before this module is compiled, so a test keeps the two in step.
export const commandModules: Array<{ names: string[]; rendersCharts?: true; load: () => Promise<CommandModule> }> = [
  { names: ['install', 'upgrade', 'plan'], rendersCharts: true, load: () => import('./chart-commands.ts') },
  { names: ['status', 'history', 'list', 'ls', 'get'], load: () => import('./release-read-commands.ts') },
  { names: ['rollback', 'uninstall', 'delete', 'test'], load: () => import('./release-change-commands.ts') },
  { names: ['local'], load: () => import('./local.ts') },
  { names: ['template'], rendersCharts: true, load: () => import('./template.ts') },
  { names: ['lint'], rendersCharts: true, load: () => import('./lint.ts') },
  { names: ['get'], load: () => import('./hook-logs-command.ts') }, // `get hook-logs`, after release-read's `get`
  { names: ['apply'], load: () => import('./plan-file-commands.ts') },
  { names: ['version'], load: () => import('./version.ts') },
  { names: ['plan'], load: () => import('./resume-commands.ts') },
  { names: ['repo'], load: () => import('./repo.ts') },
  { names: ['search'], load: () => import('./search.ts') },
  { names: ['pull', 'fetch'], load: () => import('./pull.ts') },
  { names: ['show', 'inspect'], load: () => import('./show.ts') },
  { names: ['registry'], load: () => import('./registry-commands.ts') },
  { names: ['push'], load: () => import('./push.ts') },
  { names: ['package'], load: () => import('./package.ts') },
  { names: ['dependency', 'dep', 'dependencies'], load: () => import('./dependency.ts') },
  { names: ['env'], load: () => import('./env.ts') },
  { names: ['create'], load: () => import('./create.ts') },
  { names: ['verify'], load: () => import('./verify.ts') },
  { names: ['plugin'], load: () => import('./plugin.ts') },
  // No names: completion describes every command, so it loads only along with all of them.
  { names: [], load: () => import('./completion.ts') },
];

/** The modules of every command named in the arguments; all of them for help or an unknown command. */
function modulesFor(args: string[]): typeof commandModules {
  const named = commandModules.filter((m) => m.names.some((name) => args.includes(name)));
  return named.length > 0 ? named : commandModules;
}

// Helm allows 1000 nested includes; that needs more stack than Node's default. Rendering runs
// before anything is changed, so the command is simply run again with a larger stack.
const largeStack = '--stack-size=7000';

function causes(err: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = err; e instanceof Error && chain.length < 20; e = e.cause) chain.push(e);
  return chain;
}

async function main(processArgv: string[]): Promise<void> {
  // helm's global flags go anywhere: taken out (into their HELM_* variables) before parsing.
  const argv = takeGlobalFlags(processArgv);
  const first = argv[2];
  if (first !== undefined && !first.startsWith('-') && first !== 'help' && !commandModules.some((m) => m.names.includes(first))) {
    const { runCliPlugin } = await import('./plugin-command.ts');
    const status = runCliPlugin(first, argv.slice(3));
    if (status !== undefined) {
      process.exitCode = status;
      return;
    }
  }
  const program = new Command('hookline')
    .description('A Helm-compatible release manager built around the release lifecycle and its hooks')
    .showHelpAfterError()
    .configureOutput({ outputError: (text, write) => write(text) })
    .addHelpText('after', globalFlagsHelp());
  const modules = await Promise.all(modulesFor(argv.slice(2)).map((m) => m.load()));
  for (const mod of modules) mod.register(program);
  await program.parseAsync(argv);
}

/** Runs the command line `processArgv` (process.argv's shape); failures set process.exitCode. */
export const runCli = (processArgv: string[]): Promise<void> => main(processArgv).catch(async (err: unknown) => {
  const { isStackOverflow } = await import('../gotemplate/exec.ts');
  if (causes(err).some(isStackOverflow) && !process.execArgv.includes(largeStack)) {
    const rerun = spawnSync(process.execPath, [largeStack, ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
    process.exit(rerun.status ?? 1);
  }
  // The same module instance the command used: it knows the secrets of the releases it handled.
  const { processRedactor } = await import('../release/secret-redaction.ts');
  process.stderr.write(`Error: ${processRedactor.redact((err as Error).message)}\n`);
  // Hookline's advice on how to fix it, after helm's error line.
  const hint = causes(err).map((e) => (e as { hint?: unknown }).hint).find((h) => typeof h === 'string');
  if (hint) process.stderr.write(`hint: ${hint}\n`);
  process.exitCode = 1;
});
