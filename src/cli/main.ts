// The hookline command line: each command lives in its own module and registers itself here.
import { Command } from 'commander';

const program = new Command('hookline')
  .description('A Helm-compatible release manager built around the release lifecycle and its hooks')
  .showHelpAfterError()
  .configureOutput({ outputError: (text, write) => write(text) });

// Command modules: one line each, `register(program)` adds the command and its flags.
const commandModules: Array<{ register(program: Command): void }> = [];
for (const mod of commandModules) mod.register(program);

await program.parseAsync(process.argv);
