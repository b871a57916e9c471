// `plugin install` of archives against helm v4.1.4: a signed archive (made by `helm plugin
// package --sign`) verified with --keyring and listed "signed", the same archive over http
// (its .prov fetched beside it), and an http archive without a .prov refused unless --verify=false.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { makeSigningKeys, type SigningKeys } from '../support/gpg-keys.ts';
import { runTool, type Tool } from '../support/cli-differential.ts';
import { runCli } from '../support/run-process.ts';
import { dataHome, postRendererYaml, sedScript, writePlugin } from './plugins.ts';

const work = dataHome();
const served = join(work, 'served');
const unsigned = join(work, 'unsigned');
let keys: SigningKeys;
let server: Server;
let base = '';

before(async () => {
  mkdirSync(served);
  mkdirSync(unsigned);
  mkdirSync(join(work, 'gnupg'), { mode: 0o700 });
  keys = makeSigningKeys(join(work, 'gnupg'), 'Plugin Signer');
  const dir = writePlugin(join(work, 'src'), 'sedder', postRendererYaml('sedder', 'render.sh'), { 'render.sh': sedScript });
  const signed = await runCli('helm', ['plugin', 'package', dir, '--key', keys.name, '--keyring', keys.secring, '-d', served]);
  assert.equal(signed.code, 0, signed.stderr);
  const plain = await runCli('helm', ['plugin', 'package', dir, '--sign=false', '-d', unsigned]);
  assert.equal(plain.code, 0, plain.stderr);
  server = createServer((req, res) => {
    const file = req.url!.startsWith('/unsigned/') ? join(unsigned, req.url!.slice('/unsigned/'.length)) : join(served, req.url!.slice(1));
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'Content-Type': 'application/gzip' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

after(async () => {
  if (server) await new Promise((resolve) => server.close(resolve));
  rmSync(work, { recursive: true, force: true });
});

/** Each tool in a fresh data home (and cache home): the same stdout, stderr (paths aside) and status. */
async function same(args: string[]) {
  const homes = { helm: dataHome(), hookline: dataHome() };
  const run = (tool: Tool) => runTool(tool, args, { noKubeconfig: true, env: { HELM_DATA_HOME: homes[tool], HELM_CACHE_HOME: join(homes[tool], 'cache'), HELM_PLUGINS: undefined } });
  const [helm, hookline] = await Promise.all([run('helm'), run('hookline')]);
  const list = await Promise.all((['helm', 'hookline'] as const).map((tool) => runTool(tool, ['plugin', 'list'], { noKubeconfig: true, env: { HELM_DATA_HOME: homes[tool] } })));
  for (const dir of Object.values(homes)) rmSync(dir, { recursive: true, force: true });
  assert.equal(hookline.code, helm.code, `hookline: ${hookline.stderr}\nhelm: ${helm.stderr}`);
  assert.equal(hookline.stdout, helm.stdout);
  assert.equal(hookline.stderr.split(homes.hookline).join('HOME'), helm.stderr.split(homes.helm).join('HOME'));
  assert.equal(list[1].stdout, list[0].stdout);
  return { ...helm, list: list[0].stdout };
}

describe('plugin install of archives as helm 4.1.4', () => {
  test('a signed archive on disk: verified, signer and hash printed, listed signed', async () => {
    const run = await same(['plugin', 'install', join(served, 'sedder-0.1.0.tgz'), '--keyring', keys.pubring]);
    assert.match(run.stdout, /^Signed by: Plugin Signer <plugin.signer@example.test>\nUsing Key With Fingerprint: [0-9A-F]{40}\nPlugin Hash Verified: sha256:[0-9a-f]{64}\nInstalled plugin: sedder\n$/m);
    assert.match(run.list, /^sedder\s*\t0\.1\.0\s*\tpostrenderer\/v1\s*\tv1\s*\tsigned/m);
  });

  test('the signed archive over http, its .prov fetched beside it', async () => {
    const run = await same(['plugin', 'install', `${base}/sedder-0.1.0.tgz`, '--keyring', keys.pubring]);
    assert.match(run.list, /\tsigned/);
  });

  test('a wrong keyring, and an http archive without a .prov: refused', async () => {
    assert.equal((await same(['plugin', 'install', join(served, 'sedder-0.1.0.tgz'), '--keyring', join(work, 'missing.gpg')])).code, 1);
    assert.equal((await same(['plugin', 'install', `${base}/unsigned/sedder-0.1.0.tgz`])).code, 1);
  });

  test('an http archive with --verify=false: installed, listed unsigned; a missing one: helm\'s error', async () => {
    const run = await same(['plugin', 'install', `${base}/unsigned/sedder-0.1.0.tgz`, '--verify=false']);
    assert.match(run.list, /\tunsigned/);
    assert.equal((await same(['plugin', 'install', `${base}/nothere-1.0.0.tgz`, '--verify=false'])).code, 1);
  });
});
