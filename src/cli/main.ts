// The hookline command line: each command lives in its own module and registers itself here.
// Errors print as Helm prints them ("Error: ...") and exit 1.
import { Command } from 'commander';
import * as chart from './chart-commands.ts';
import * as releaseChange from './release-change-commands.ts';
import * as releaseRead from './release-read-commands.ts';
import * as local from './local.ts';

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
  await import('./template.ts'),
  await import('./lint.ts'),
];
for (const mod of commandModules) mod.register(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.stderr.write(`Error: ${(err as Error).message}\n`);
  process.exitCode = 1;
}
