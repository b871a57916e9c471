// The package's entry, dist/hookline.mjs (scripts/bundle.ts): Node's compile cache goes on
// before anything else is compiled, so the command table, commander and every chunk a command
// loads come from it (as bin/hookline.js does for the sources). On Node 22.1 and later;
// NODE_DISABLE_COMPILE_CACHE=1 turns it off.
import module from 'node:module';

module.enableCompileCache?.();
await import('../src/cli/main.ts');
