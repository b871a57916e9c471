// The hookline command line: each command lives in its own module and registers itself here.
// Errors print as Helm prints them ("Error: ...") and exit 1.
import { spawnSync } from 'node:child_process';
import { Command } from 'commander';
import { isStackOverflow } from '../gotemplate/exec.ts';
import * as chart from './chart-commands.ts';
import * as releaseChange from './release-change-commands.ts';
import * as releaseRead from './release-read-commands.ts';
import * as lint from './lint.ts';
import * as local from './local.ts';
import * as template from './template.ts';
import { takeGlobalFlags } from './global-flags.ts';

const program = new Command('hookline')
  .description('A Helm-compatible release manager built around the release lifecycle and its hooks')
  .showHelpAfterError()
  .configureOutput({ outputError: (text, write) => write(text) });

// Command modules: one line each, `register(program)` adds the command and its flags.
const commandModules: Array<{ register(program: Command): void }> = [
  chart,
  releaseRead,
  releaseChange,
  local,
  template,
  lint,
];
for (const mod of commandModules) mod.register(program);

// Helm allows 1000 nested includes; that needs more stack than Node's default. Rendering runs
// before anything is changed, so the command is simply run again with a larger stack.
const largeStack = '--stack-size=7000';

function causes(err: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = err; e instanceof Error && chain.length < 20; e = e.cause) chain.push(e);
  return chain;
}

try {
  await program.parseAsync(takeGlobalFlags(process.argv));
} catch (err) {
  if (causes(err).some(isStackOverflow) && !process.execArgv.includes(largeStack)) {
    const rerun = spawnSync(process.execPath, [largeStack, ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
    process.exit(rerun.status ?? 1);
  }
  process.stderr.write(`Error: ${(err as Error).message}\n`);
  process.exitCode = 1;
}
