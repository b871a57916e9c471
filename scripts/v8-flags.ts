// V8's tiering thresholds for Hookline's short runs: a function tiers up to Maglev after 10000
// calls and to Turbofan after 50000 (V8 13's defaults: 400 and 3000). A render of a usual chart
// is over before optimized code would pay for its compilation, so it runs on Sparkplug's
// baseline code with 15-20% less CPU and 5-15% less memory, while the hot loops of a large
// render still get optimized (README, "What each build option costs"). The executable has them
// in its execArgv; the package's entry sets them first thing (scripts/bundle-entry.ts).
export const v8TieringFlags = ['--invocation-count-for-maglev=10000', '--invocation-count-for-turbofan=50000'];

/** V8 13 (Node 24) has both flags; older V8s lack one of them and would print an error. */
export const v8KnowsTieringFlags = (v8Version: string) => Number.parseInt(v8Version, 10) >= 13;

// Set while running, the flags cost ~10 ms of CPU (Node's built-in modules loaded afterwards
// compile without their code cache), which only a command that renders charts wins back.
const renderingCommands = new Set(['template', 'install', 'upgrade', 'plan', 'lint']);

/** The command that renders charts which the command line (process.argv) runs, if it runs one. */
export const renderingCommand = (argv: string[]): string | undefined => argv.slice(2).find((arg) => renderingCommands.has(arg));

// Node compiles its built-in modules from a code cache made with V8's default flags: a module
// loaded after the flags change compiles from scratch (~80 modules, 20-30 ms of a small chart's
// render). The entry loads these first, which load the rest: the public modules a render loads
// (test/dist/package.test.ts checks that the list is whole).
export const builtinsOfRenders = ['assert', 'child_process', 'crypto', 'dgram', 'fs/promises', 'net', 'process', 'stream',
  'stream/promises', 'string_decoder', 'worker_threads', 'zlib'];
