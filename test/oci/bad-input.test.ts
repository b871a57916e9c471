// Bad input against a real plain-HTTP registry: each fails with an error naming what is wrong
// and leaves the content cache and the registry as they were.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RegistryClient } from '../../src/oci/client.ts';
import { pullChart } from '../../src/oci/pull.ts';
import { freePort } from '../../scripts/lesson-services.ts';
import { startRegistry, type TestRegistry } from '../support/registry.ts';
import { helmHome, ok, packagedChart, run } from './tools.ts';

let registry: TestRegistry;
let home: NodeJS.ProcessEnv;
let archive = '';

before(async () => {
  registry = await startRegistry({ secure: false });
  home = helmHome(join(registry.workDir, 'home'));
  archive = packagedChart(registry.workDir, 'badinput', '1.0.0');
  ok('hookline', ['push', archive, `oci://${registry.host}/charts`, '--plain-http'], home);
});

after(() => registry.stop());

const cacheEntries = () => (existsSync(home.HELM_CONTENT_CACHE!) ? readdirSync(home.HELM_CONTENT_CACHE!, { recursive: true }).length : 0);

function fails(args: string[], pattern: RegExp): void {
  const cachedBefore = cacheEntries();
  const result = run('hookline', args, home);
  assert.equal(result.code, 1, `expected a failure, got: ${result.stdout}`);
  assert.match(result.stderr, pattern);
  assert.equal(result.stdout, '');
  assert.equal(cacheEntries(), cachedBefore, 'nothing new in the content cache');
}

describe('unreachable or silent registry', () => {
  test('a closed port fails at once, naming the URL', async () => {
    const port = await freePort();
    fails(['template', 'x', `oci://127.0.0.1:${port}/charts/badinput`, '--version', '1.0.0', '--plain-http'],
      new RegExp(`^Error: GET "http://127.0.0.1:${port}/v2/charts/badinput/manifests/1.0.0": connection refused`));
  });

  test('a server that never answers fails after the timeout, naming the URL', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const { port } = silent.address() as { port: number };
    try {
      await assert.rejects(pullChart(`oci://127.0.0.1:${port}/charts/badinput:1.0.0`, { plainHttp: true, env: home, timeoutMs: 300 }),
        new RegExp(`^Error: GET "http://127.0.0.1:${port}/v2/charts/badinput/manifests/1.0.0": no answer within 0.3 s$`));
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });
});

describe('versions and digests that are not there', () => {
  test('a missing tag', () => {
    fails(['template', 'x', `oci://${registry.host}/charts/badinput`, '--version', '9.9.9', '--plain-http'],
      new RegExp(`^Error: chart ${registry.host}/charts/badinput:9.9.9 not found: ${registry.host}/charts/badinput has no tag 9.9.9`));
  });

  test('a missing repository, with a range', () => {
    const helm = run('helm', ['template', 'x', `oci://${registry.host}/charts/nothing`, '--version', '^1', '--plain-http'], home);
    const hookline = run('hookline', ['template', 'x', `oci://${registry.host}/charts/nothing`, '--version', '^1', '--plain-http'], home);
    assert.equal(hookline.code, 1);
    assert.match(hookline.stderr, new RegExp(`^Error: GET "http://${registry.host}/v2/charts/nothing/tags/list": response status code 404: name unknown: repository name not known to registry\n$`));
    assert.equal(helm.stderr.startsWith(hookline.stderr.trimEnd()), true, `helm said ${helm.stderr}`);
  });

  test('an unknown digest', () => {
    fails(['template', 'x', `oci://${registry.host}/charts/badinput@sha256:${'0'.repeat(64)}`, '--plain-http'],
      /has no manifest with that digest/);
  });

  test('a malformed digest or reference', () => {
    fails(['template', 'x', `oci://${registry.host}/charts/badinput@sha256:abc`, '--plain-http'], /the digest must be sha256: followed by 64 hex digits/);
    fails(['template', 'x', `oci://${registry.host}/Charts/BadInput`, '--plain-http'], /repository "Charts\/BadInput" must be lower-case/);
  });

  test('a blob whose content does not match its digest is refused', () => {
    const pushed = ok('hookline', ['push', packagedChart(join(registry.workDir, 'tampered'), 'tampered', '1.0.0'), `oci://${registry.host}/charts`, '--plain-http'], home);
    assert.match(pushed.stderr, /Pushed/);
    const archiveBytes = readFileSync(join(registry.workDir, 'tampered', 'packages', 'tampered-1.0.0.tgz'));
    const hex = createHash('sha256').update(archiveBytes).digest('hex');
    const blob = join(registry.workDir, 'registry', 'storage', 'docker', 'registry', 'v2', 'blobs', 'sha256', hex.slice(0, 2), hex, 'data');
    const altered = Buffer.from(archiveBytes);
    altered[altered.length - 1] ^= 0xff;
    writeFileSync(blob, altered);
    fails(['template', 'x', `oci://${registry.host}/charts/tampered`, '--version', '1.0.0', '--plain-http'],
      new RegExp(`^Error: blob ${registry.host}/charts/tampered@sha256:${hex}: the registry sent ${archiveBytes.length} bytes with digest sha256:(?!${hex})[0-9a-f]{64}, expected ${archiveBytes.length} bytes with digest sha256:${hex}; refusing it`));
  });
});

describe('artifacts that are not charts', () => {
  test('an OCI image (wrong config and layer media types) is refused by both tools', async () => {
    const client = new RegistryClient(registry.host, { plainHttp: true });
    const config = Buffer.from('{"architecture":"amd64","os":"linux"}');
    const layer = Buffer.from('not a chart');
    const digest = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
    for (const blob of [config, layer]) await client.pushBlob('images/app', blob);
    const manifest = Buffer.from(JSON.stringify({
      schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: digest(config), size: config.length },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: digest(layer), size: layer.length }],
    }));
    await client.pushManifest('images/app', '1.0.0', manifest, 'application/vnd.oci.image.manifest.v1+json');
    const args = ['template', 'x', `oci://${registry.host}/images/app`, '--version', '1.0.0', '--plain-http'];
    assert.equal(run('helm', args, home).code, 1);
    fails(args, new RegExp(`^Error: ${registry.host}/images/app:1.0.0 is not a Helm chart: could not load config with mediatype application/vnd.cncf.helm.config.v1\\+json \\(found "application/vnd.oci.image.config.v1\\+json"\\)`));
  });
});

describe('push', () => {
  const catalog = async () => (await fetch(`http://${registry.host}/v2/_catalog`).then((r) => r.json()) as { repositories: string[] }).repositories;

  test('rejects a folder, a missing file and a remote that is not oci://, pushing nothing', async () => {
    const before = await catalog();
    const dir = join(registry.workDir, 'a-folder');
    mkdirSync(dir, { recursive: true });
    const cases: Array<[string[], RegExp]> = [
      [['push', dir, `oci://${registry.host}/x`, '--plain-http'], /^Error: cannot push directory, must provide chart archive \(\.tgz\)\n$/],
      [['push', join(dir, 'none.tgz'), `oci://${registry.host}/x`, '--plain-http'], /^Error: .*none\.tgz: no such file\n$/],
      [['push', archive, `${registry.host}/x`, '--plain-http'], /^Error: scheme prefix missing from remote \(e\.g\. "oci:\/\/"\)\n$/],
      [['push', archive, `https://${registry.host}/x`, '--plain-http'], /^Error: scheme "https" not supported/],
    ];
    for (const [args, pattern] of cases) {
      const result = run('hookline', args, home);
      assert.equal(result.code, 1);
      assert.match(result.stderr, pattern);
    }
    assert.deepEqual(await catalog(), before);
  });
});
