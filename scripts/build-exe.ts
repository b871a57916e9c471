// `npm run build:exe`: dist/hookline, a single executable application (Node's SEA) made from the
// project's pinned Node 24 binary and a V8 start-up snapshot of the CLI (a CommonJS bundle of
// scripts/snapshot-entry.ts, its modules evaluated at build time), so it runs where no Node is
// installed and starts with its modules loaded.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { bundleCjs, distDir, projectRoot, v8StartFlags } from './bundle.ts';
import { lazyModules } from './lazy-modules.ts';
import { v8TieringFlags } from './v8-flags.ts';

const require = createRequire(import.meta.url);
// The `node` devDependency holds the real Node 24 executable that SEA blobs are made for.
const pinnedNode = join(dirname(require.resolve('node/package.json')), 'bin', 'node');
const { inject } = require('postject') as { inject(file: string, name: string, data: Buffer, options: { sentinelFuse: string }): Promise<void> };

const started = Date.now();
const work = join(distDir, 'sea');
const executable = join(distDir, 'hookline');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

await bundleCjs('scripts/snapshot-entry.ts', join(work, 'hookline.cjs'), 'process.execPath', [lazyModules]);
const seaConfig = {
  main: join(work, 'hookline.cjs'),
  output: join(work, 'hookline.blob'),
  disableExperimentalSEAWarning: true,
  // V8 ignores useCodeCache with a snapshot: code outside it (modules kept out, functions
  // not compiled while it was built) compiles at run time.
  useSnapshot: true,
  // The deep-include stack that src/cli/main.ts otherwise gets by re-running Node with the flag,
  // which an executable cannot: its own arguments are never read as Node options; and the
  // start-up V8 flags that the package's shebang line gives (scripts/bundle.ts) and its entry
  // sets (scripts/v8-flags.ts; the executable's Node 24 knows them).
  execArgv: ['--stack-size=7000', ...v8StartFlags, ...v8TieringFlags],
  // A user's NODE_OPTIONS (meant for their Node) must not change, or break, the executable.
  execArgvExtension: 'none',
};
writeFileSync(join(work, 'sea-config.json'), JSON.stringify(seaConfig, null, 2));
// The blob must come from the same Node version as the executable it is injected into, and
// with the same V8 flags, or V8 rejects the snapshot at start.
// The snapshot's warm-up renders the lesson's chart (scripts/snapshot-entry.ts).
execFileSync(pinnedNode, [...seaConfig.execArgv, '--experimental-sea-config', join(work, 'sea-config.json')], {
  stdio: 'inherit', env: { ...process.env, HOOKLINE_SNAPSHOT_WARM_UP_CHART: join(projectRoot, 'examples', 'agent-chart') },
});

// Injected into a copy under dist/sea, then copied into place: on this project's sandboxed
// machines the file postject rewrites in place reads back with ~16 MiB more resident memory
// per run (`version` 84 against 68 MiB) than a plain copy of it.
const injected = join(work, 'hookline');
copyFileSync(pinnedNode, injected);
await inject(injected, 'NODE_SEA_BLOB', readFileSync(seaConfig.output), { sentinelFuse: 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2' });
rmSync(executable, { force: true });
copyFileSync(injected, executable);
chmodSync(executable, 0o755);
rmSync(injected);
console.log(`build:exe: dist/hookline in ${Date.now() - started} ms`);
