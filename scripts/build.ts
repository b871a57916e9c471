// `npm run build`: dist/hookline.mjs (the CLI, what package.json's bin starts) and
// dist/node-agent.mjs (the local cluster's node agent) with their shared chunks in
// dist/chunks/, and dist/hookline-cli.cjs, the whole CLI in one file for the commands that
// render (scripts/code-cached-run.ts); plain JavaScript for Node 20 and later.
import { chmodSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { bundleCjs, bundleEsm, distDir } from './bundle.ts';

const started = Date.now();
for (const old of ['hookline.mjs', 'node-agent.mjs', 'hookline-cli.cjs', 'chunks']) rmSync(join(distDir, old), { recursive: true, force: true });
await Promise.all([
  bundleEsm({ hookline: 'scripts/bundle-entry.ts', 'node-agent': 'src/local/agent/main.ts' }, distDir),
  bundleCjs('src/cli/main.ts', join(distDir, 'hookline-cli.cjs'), '__filename'),
]);
chmodSync(join(distDir, 'hookline.mjs'), 0o755);
console.log(`build: dist/hookline.mjs, dist/hookline-cli.cjs, dist/node-agent.mjs and dist/chunks/ in ${Date.now() - started} ms`);
