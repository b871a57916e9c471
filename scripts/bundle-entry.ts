// The package's entry, dist/hookline.mjs (scripts/bundle.ts). First V8's tiering thresholds
// (scripts/v8-flags.ts; set here, not on the shebang line, where Node 20 would refuse them as
// bad options), then Node's compile cache, before anything else is compiled, so the command
// table, commander and every chunk a command loads come from it (as bin/hookline.js does for
// the sources). The cache works on Node 22.1 and later; NODE_DISABLE_COMPILE_CACHE=1 turns it off.
import module from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { v8KnowsTieringFlags, v8TieringFlags } from './v8-flags.ts';

if (v8KnowsTieringFlags(process.versions.v8)) for (const flag of v8TieringFlags) setFlagsFromString(flag);
module.enableCompileCache?.();
await import('../src/cli/main.ts');
