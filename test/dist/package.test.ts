// The npm package as a user gets it: `npm pack` (which builds dist/ first), installed with
// `npm install -g` by the machine's system Node 20 and its npm into a fresh prefix, then run
// as `hookline` from PATH through the smoke suite.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ok, projectRoot, run, smokeSuite, type Hookline } from './smoke.ts';

// The system Node (Debian's /usr/bin/node, version 20), not the project's Node 24.
const systemBin = '/usr/bin';
let hookline: Hookline;
let prefix = '';
const work = mkdtempSync(join(tmpdir(), 'hookline-package-'));
after(() => rmSync(work, { recursive: true, force: true }));

before(() => {
  const env = { ...process.env, PATH: `${systemBin}:/bin`, npm_config_cache: join(work, 'npm-cache'), npm_config_update_notifier: 'false' };
  assert.match(ok(join(systemBin, 'node'), ['--version'], { env }), /^v20\./, 'this test installs with the system Node 20');
  ok(join(systemBin, 'npm'), ['pack', '--pack-destination', work], { cwd: projectRoot, env });
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  assert.ok(tarball, `npm pack wrote no tarball into ${work}`);
  prefix = join(work, 'prefix');
  // --offline: the package has no dependencies, so nothing is fetched from a registry.
  ok(join(systemBin, 'npm'), ['install', '-g', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, join(work, tarball)], { env });
  const path = `${join(prefix, 'bin')}:${systemBin}:/bin`;
  hookline = (args, cwd) => run('hookline', args, { cwd, env: { HOME: process.env.HOME, PATH: path } });
});

test('the installed package holds the bundle, the node agent and the control plane sources, and no node_modules', () => {
  const installed = join(prefix, 'lib', 'node_modules', 'hookline');
  assert.deepEqual(readdirSync(installed).sort(), ['README.md', 'controlplane', 'dist', 'package.json']);
  assert.deepEqual(readdirSync(join(installed, 'dist')).sort(), ['chunks', 'hookline.mjs', 'node-agent.mjs']);
  const controlPlane = readdirSync(join(installed, 'controlplane'));
  for (const file of ['build.sh', 'go.mod', 'go.sum']) assert.ok(controlPlane.includes(file), `controlplane/${file} is not in the package`);
  const agent = run(join(systemBin, 'node'), [join(installed, 'dist', 'node-agent.mjs'), '--help']);
  assert.equal(agent.code, 0, agent.stderr);
  assert.match(agent.stdout, /^Usage: hookline-node-agent/);
});

test('the local cluster commands load from the installed package', () => {
  const stateDir = join(work, 'no-cluster');
  const status = hookline(['local', 'status', '--state-dir', stateDir], work);
  assert.equal(status.code, 1, 'no cluster runs there, as the sources say');
  assert.equal(status.stderr, '');
  assert.equal(status.stdout, `no local cluster is running (state directory ${stateDir}); start one with 'hookline local up'\n`);
});

smokeSuite(() => hookline, /^node20\./);
