// `npm run build`: dist/hookline.mjs (the CLI, what package.json's bin starts) and
// dist/node-agent.mjs (the local cluster's node agent), plain JavaScript for Node 20 and later.
import { chmodSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { bundleEsm, distDir } from './bundle.ts';

const started = Date.now();
rmSync(join(distDir, 'hookline.mjs'), { force: true });
rmSync(join(distDir, 'node-agent.mjs'), { force: true });
await bundleEsm('src/cli/main.ts', join(distDir, 'hookline.mjs'));
await bundleEsm('src/local/agent/main.ts', join(distDir, 'node-agent.mjs'));
chmodSync(join(distDir, 'hookline.mjs'), 0o755);
console.log(`build: dist/hookline.mjs and dist/node-agent.mjs in ${Date.now() - started} ms`);
