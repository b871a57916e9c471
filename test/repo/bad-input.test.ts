// Bad repositories and archives: an unreachable or silent server, a malformed index.yaml, and
// archives whose entries escape the chart folder (absolute paths, "..", links) or exceed helm's
// size limits. Each fails with an error naming what is wrong, and writes nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ensureDir, gzipTar, helm, helmHomes, hookline, serveFolder, tempDir, type StaticServer, type TarEntry } from './repo-harness.ts';

function sparselyRandom(size: number): Buffer {
  const data = Buffer.alloc(size);
  const noise = randomBytes(Math.ceil(size / 64));
  for (let i = 0; i < noise.length; i++) data[i * 64] = noise[i];
  return data;
}

const chartYaml = (name: string) => `apiVersion: v2\nname: ${name}\nversion: 1.0.0\n`;

// Archives no packer would make; the index lists them as a repository would.
const archives: Record<string, TarEntry[]> = {
  parent: [{ name: 'parent/Chart.yaml', data: chartYaml('parent') }, { name: 'parent/../../escaped.txt', data: 'x' }],
  absolute: [{ name: 'absolute/Chart.yaml', data: chartYaml('absolute') }, { name: 'absolute//tmp/absolute-escape.txt', data: 'x' }],
  symlink: [{ name: 'symlink/Chart.yaml', data: chartYaml('symlink') }, { name: 'symlink/templates/passwd.yaml', type: 'symlink', linkTarget: '/etc/passwd' }],
  hardlink: [{ name: 'hardlink/Chart.yaml', data: chartYaml('hardlink') }, { name: 'hardlink/values.yaml', type: 'hardlink', linkTarget: '/etc/passwd' }],
  bigfile: [{ name: 'bigfile/Chart.yaml', data: chartYaml('bigfile') }, { name: 'bigfile/files/big.bin', data: Buffer.alloc(5 * 1024 * 1024 + 1) }],
  // 21 files of 5 MiB each: every file within its limit, the chart over 100 MiB. A random byte
  // every 64 keeps the archive well below Hookline's zip-bomb ratio, so the size limit is what trips.
  huge: [{ name: 'huge/Chart.yaml', data: chartYaml('huge') },
    ...Array.from({ length: 21 }, (_, i) => ({ name: `huge/files/part-${i}.bin`, data: sparselyRandom(5 * 1024 * 1024) }))],
};

let server: StaticServer;
let silent: net.Server;
let silentUrl: string;
let closedUrl: string;

before(async () => {
  const dir = tempDir('bad-repo');
  const entries: string[] = [];
  for (const [name, list] of Object.entries(archives)) {
    const data = gzipTar(list);
    writeFileSync(join(dir, `${name}-1.0.0.tgz`), data);
    entries.push(`  ${name}:\n  - apiVersion: v2\n    name: ${name}\n    version: 1.0.0\n    digest: ${createHash('sha256').update(data).digest('hex')}\n    urls:\n    - ${name}-1.0.0.tgz\n`);
  }
  writeFileSync(join(dir, 'index.yaml'), `apiVersion: v1\nentries:\n${entries.join('')}`);
  ensureDir(join(dir, 'malformed'));
  writeFileSync(join(dir, 'malformed', 'index.yaml'), 'apiVersion: v1\nentries:\n  broken: [\n');
  ensureDir(join(dir, 'noversion'));
  writeFileSync(join(dir, 'noversion', 'index.yaml'), 'entries: {}\n');
  server = await serveFolder(dir);
  // Accepts connections and never answers.
  silent = net.createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  const closed = net.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise((resolve) => closed.close(resolve));
});
after(async () => {
  await server.close();
  silent.close();
});

describe('unusable repositories', () => {
  test('an unreachable repository fails naming its URL, as helm does, and records nothing', async () => {
    for (const tool of [helm, hookline]) {
      const env = helmHomes(tempDir('unreachable'));
      const r = await tool(['repo', 'add', 'gone', closedUrl], env);
      assert.equal(r.code, 1);
      assert.equal(r.stderr, `Error: looks like "${closedUrl}" is not a valid chart repository or cannot be reached: Get "${closedUrl}/index.yaml": dial tcp ${closedUrl.slice(7)}: connect: connection refused\n`);
      assert.equal(existsSync(join(env.HELM_CONFIG_HOME!, 'repositories.yaml')), false);
    }
  });

  test('a server that never answers fails within --timeout, naming the URL', async () => {
    const [h, k] = await Promise.all([helm, hookline].map((tool) => tool(['repo', 'add', 'silent', silentUrl, '--timeout', '1s'], helmHomes(tempDir('silent')))));
    assert.equal(k.code, 1);
    assert.equal(k.stderr, h.stderr);
    assert.match(k.stderr, new RegExp(`Get "${silentUrl}/index.yaml": context deadline exceeded`));
  });

  test('a malformed index.yaml, and one without apiVersion, are refused and not cached', async () => {
    for (const path of ['malformed', 'noversion']) {
      const env = helmHomes(tempDir('malformed'));
      const [h, k] = [await helm(['repo', 'add', 'bad', `${server.url}/${path}`], env), await hookline(['repo', 'add', 'bad', `${server.url}/${path}`], env)];
      assert.equal(k.code, 1);
      assert.equal(h.code, 1);
      assert.match(k.stderr, new RegExp(`^Error: looks like "${server.url}/${path}" is not a valid chart repository or cannot be reached: `));
      if (path === 'noversion') assert.equal(k.stderr, h.stderr);
      assert.equal(existsSync(join(env.HELM_CACHE_HOME!, 'repository', 'bad-index.yaml')), false);
    }
  });
});

describe('unsafe or oversized chart archives', () => {
  for (const name of Object.keys(archives)) {
    test(`${name}: pull --untar and template refuse it before anything is written`, async () => {
      const env = helmHomes(tempDir('unsafe'));
      assert.equal((await hookline(['repo', 'add', 'bad', server.url], env)).code, 0);
      const out = tempDir('untar');
      const pull = await hookline(['pull', `bad/${name}`, '--untar', '-d', out], env);
      assert.equal(pull.code, 1, pull.stdout);
      assert.match(pull.stderr, new RegExp(`^Error: chart downloaded from ${server.url}/${name}-1\\.0\\.0\\.tgz is refused: `));
      assert.deepEqual(readdirSync(out), []);
      assert.equal(existsSync(join(env.HELM_CACHE_HOME!, 'content')), false, 'nothing in the content cache');
      const template = await hookline(['template', 'x', `bad/${name}`], env);
      assert.equal(template.code, 1);
      assert.equal(template.stderr, pull.stderr);
    });
  }

  test('helm refuses the same escaping and oversized archives', async () => {
    const env = helmHomes(tempDir('helm-unsafe'));
    assert.equal((await helm(['repo', 'add', 'bad', server.url], env)).code, 0);
    const reasons: Record<string, RegExp> = {
      parent: /chart illegally references parent directory/, absolute: /chart illegally contains absolute paths/,
      bigfile: /decompressed chart file "bigfile\/files\/big.bin" is larger than the maximum file size 5242880/,
      huge: /decompressed chart is larger than the maximum size 104857600/,
    };
    for (const [name, reason] of Object.entries(reasons)) {
      // helm's template hides the reason ("unable to load chart archive"); its pull --untar shows it.
      const [h, k] = [
        await helm(['pull', name, '--repo', server.url, '--untar', '-d', tempDir('h')], env),
        await hookline(['template', 'x', name, '--repo', server.url], helmHomes(tempDir('k'))),
      ];
      assert.equal(h.code, 1);
      assert.match(h.stderr, reason);
      assert.equal(k.code, 1);
      assert.match(k.stderr, reason, 'Hookline gives the same reason');
    }
  });
});
