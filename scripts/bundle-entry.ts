// The package's entry, dist/hookline.mjs (scripts/bundle.ts). A command that renders charts
// gets V8's tiering thresholds first, after the built-in modules it loads (scripts/v8-flags.ts;
// set here, not on the shebang line, where Node 20 would refuse them as bad options), and runs
// from the CommonJS bundle with its run-time code cache (scripts/code-cached-run.ts). Every
// other command loads only its own chunks, through Node's compile cache, enabled before
// anything else is compiled, so the command table, commander and every chunk a command loads
// come from it (as bin/hookline.js does for the sources). The compile cache works on Node 22.1
// and later; NODE_DISABLE_COMPILE_CACHE=1 turns both caches off.
import module from 'node:module';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runWithCodeCache } from './code-cached-run.ts';
import { builtinsOfRenders, renderingCommand, v8KnowsTieringFlags, v8TieringFlags } from './v8-flags.ts';

const rendering = renderingCommand(process.argv);
if (rendering !== undefined && v8KnowsTieringFlags(process.versions.v8)) {
  for (const name of builtinsOfRenders) process.getBuiltinModule(`node:${name}`);
  for (const flag of v8TieringFlags) setFlagsFromString(flag);
}
if (rendering !== undefined && process.env.NODE_DISABLE_COMPILE_CACHE !== '1') {
  runWithCodeCache(fileURLToPath(new URL('hookline-cli.cjs', import.meta.url)), rendering);
} else {
  module.enableCompileCache?.();
  await import('../src/cli/main.ts');
}
