// The npm package as a user gets it: `npm pack` (which builds dist/ first), installed with
// `npm install -g` by the machine's system Node 20 and its npm into a fresh prefix, then run
// as `hookline` from PATH through the smoke suite.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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
  // The code caches of its runs go to a folder of this test's, not the user's ~/.cache.
  hookline = (args, cwd) => run('hookline', args, { cwd, env: { HOME: process.env.HOME, PATH: path, XDG_CACHE_HOME: join(work, 'cache') } });
});

test('the installed package holds the bundle, the node agent and the control plane sources, and no node_modules', () => {
  const installed = join(prefix, 'lib', 'node_modules', 'hookline');
  assert.deepEqual(readdirSync(installed).sort(), ['README.md', 'controlplane', 'dist', 'package.json']);
  assert.deepEqual(readdirSync(join(installed, 'dist')).sort(), ['chunks', 'hookline-cli.cjs', 'hookline.mjs', 'node-agent.mjs']);
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

/** The installed package's entry run by `node` (with Node options `nodeArgs`), its caches in `cacheHome`. */
function runInstalled(node: string, args: string[], cacheHome: string, env: NodeJS.ProcessEnv = {}, nodeArgs: string[] = []) {
  const entry = join(prefix, 'lib', 'node_modules', 'hookline', 'dist', 'hookline.mjs');
  return run(node, [...nodeArgs, entry, ...args], { cwd: work, env: { HOME: process.env.HOME, PATH: `${systemBin}:/bin`, XDG_CACHE_HOME: cacheHome, ...env } });
}

// scripts/code-cached-run.ts, on the system Node 20 and on the project's Node 24.
for (const [nodeName, node] of [['Node 20', join(systemBin, 'node')], ['Node 24', process.execPath]]) {
  test(`${nodeName}: a command that renders writes its code cache at exit, the next run reads it, a damaged one is written anew`, () => {
    const cacheHome = mkdtempSync(join(work, 'xdg-'));
    const hooklineOn = (args: string[]) => runInstalled(node, args, cacheHome);
    const cacheDir = join(cacheHome, 'hookline', 'code-cache');
    const args = ['template', 'cached', join(projectRoot, 'examples', 'agent-chart')];
    const first = hooklineOn(args);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout, ok(process.execPath, [join(projectRoot, 'bin', 'hookline.js'), ...args]), 'the bundle renders as the sources do');
    const files = readdirSync(cacheDir);
    assert.equal(files.length, 1, files.join(' '));
    assert.match(files[0], /^template-v\d+\.\d+\.\d+-[a-z0-9]+-[0-9a-f]{8}-\d+-\d+-\d+\.bin$/);
    const cache = join(cacheDir, files[0]);
    const written = statSync(cache);
    assert.ok(written.size > 100_000, `a cache of the compiled functions, not ${written.size} bytes`);
    assert.equal(written.mode & 0o777, 0o600);

    assert.equal(hooklineOn(args).stdout, first.stdout);
    assert.equal(statSync(cache).ino, written.ino, 'V8 took the cache, so it was not written again');
    assert.equal(hooklineOn(['version', '--short']).code, 0);
    assert.deepEqual(readdirSync(cacheDir), files, 'version does not run from the bundle and writes no cache');

    writeFileSync(cache, Buffer.alloc(written.size, 7));
    const damaged = hooklineOn(args);
    assert.equal(damaged.code, 0, damaged.stderr);
    assert.equal(damaged.stdout, first.stdout);
    assert.notEqual(statSync(cache).ino, written.ino, 'the rejected cache was replaced');
    assert.ok(!readFileSync(cache).equals(Buffer.alloc(written.size, 7)));
    assert.deepEqual(readdirSync(cacheDir), files, 'no partial file is left');

    // Other V8 flags: a cache of their own, the first one left as it is.
    const otherFlags = runInstalled(node, args, cacheHome, { NODE_OPTIONS: '--max-old-space-size=300' });
    assert.equal(otherFlags.stdout, first.stdout);
    const withOther = readdirSync(cacheDir);
    assert.equal(withOther.length, 2, withOther.join(' '));
    const replaced = statSync(cache).ino;
    assert.equal(hooklineOn(args).stdout, first.stdout);
    assert.equal(statSync(cache).ino, replaced, 'the first cache is still taken');

    const disabled = mkdtempSync(join(work, 'xdg-'));
    const off = runInstalled(node, args, disabled, { NODE_DISABLE_COMPILE_CACHE: '1' });
    assert.equal(off.stdout, first.stdout);
    assert.deepEqual(readdirSync(disabled), [], 'NODE_DISABLE_COMPILE_CACHE=1 turns it off');
  });
}

test('Node 24: a render loads every built-in module before the V8 flags are set, so each comes from Node\'s code cache', () => {
  const recorder = pathToFileURL(join(projectRoot, 'test', 'dist', 'record-builtins.ts')).href;
  const result = runInstalled(process.execPath, ['template', 'x', join(projectRoot, 'examples', 'agent-chart')], join(work, 'cache'), {}, ['--import', recorder]);
  assert.equal(result.code, 0, result.stderr);
  const loaded = JSON.parse(result.stderr.trim().split('\n').pop()!) as { flagsSet: boolean; after: string[] };
  assert.deepEqual(loaded, { flagsSet: true, after: [] }, 'loaded after the flags: add them to builtinsOfRenders in scripts/v8-flags.ts');
});

smokeSuite(() => hookline, /^node20\./);
