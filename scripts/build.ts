// `npm run build`: dist/hookline.mjs (the CLI, what package.json's bin starts) and
// dist/node-agent.mjs (the local cluster's node agent) with their shared chunks in
// dist/chunks/, plain JavaScript for Node 20 and later.
import { chmodSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { bundleEsm, distDir } from './bundle.ts';

const started = Date.now();
for (const old of ['hookline.mjs', 'node-agent.mjs', 'chunks']) rmSync(join(distDir, old), { recursive: true, force: true });
await bundleEsm({ hookline: 'scripts/bundle-entry.ts', 'node-agent': 'src/local/agent/main.ts' }, distDir);
chmodSync(join(distDir, 'hookline.mjs'), 0o755);
console.log(`build: dist/hookline.mjs, dist/node-agent.mjs and dist/chunks/ in ${Date.now() - started} ms`);
