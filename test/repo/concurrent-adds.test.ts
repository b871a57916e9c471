// `repo add` holds repositories.lock (flock, as helm's gofrs/flock) while it reads, changes and
// writes repositories.yaml: many adds at once, by helm v4.1.4 and Hookline together, lose no
// entry, and an add waits while another process holds the lock.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildRepositoryFolder, helm, helmHomes, hookline, serveFolder, tempDir, type StaticServer } from './repo-harness.ts';

let server: StaticServer;

before(async () => {
  server = await serveFolder(buildRepositoryFolder());
});
after(() => server.close());

const namesIn = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^- caFile: ""\n(?:  .*\n)*?  name: (\S+)$/gm)].map((m) => m[1]).sort();

test('16 concurrent repo adds (8 by helm, 8 by Hookline) all land in repositories.yaml', async () => {
  const env = helmHomes(tempDir('concurrent'));
  const names = Array.from({ length: 16 }, (_, i) => `repo${String(i).padStart(2, '0')}`);
  const runs = await Promise.all(names.map((name, i) => (i % 2 ? helm : hookline)(['repo', 'add', name, server.url], env)));
  for (const [i, r] of runs.entries()) assert.equal(r.code, 0, `${names[i]}: ${r.stderr}`);
  const file = join(env.HELM_CONFIG_HOME!, 'repositories.yaml');
  assert.deepEqual(namesIn(file), names);
  const listed = await helm(['repo', 'list', '-o', 'json'], env);
  assert.deepEqual((JSON.parse(listed.stdout) as Array<{ name: string }>).map((r) => r.name).sort(), names);
  assert.ok(existsSync(join(env.HELM_CONFIG_HOME!, 'repositories.lock')));
});

test('repo add and repo remove wait while another process holds repositories.lock', async () => {
  const env = helmHomes(tempDir('held-lock'));
  const file = join(env.HELM_CONFIG_HOME!, 'repositories.yaml');
  assert.equal((await hookline(['repo', 'add', 'first', server.url], env)).code, 0);
  // Another process (flock(1), as helm's flock would) holds the lock until its stdin closes.
  const holder = spawn('flock', ['--exclusive', join(env.HELM_CONFIG_HOME!, 'repositories.lock'), 'sh', '-c', 'echo held; exec cat >/dev/null'], { stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise((resolve) => holder.stdout.once('data', resolve));
  const adding = hookline(['repo', 'add', 'second', server.url], env);
  const removing = hookline(['repo', 'remove', 'first'], env);
  try {
    // Both are started and blocked; give them time to have written if they did not wait.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    assert.deepEqual(namesIn(file), ['first'], 'nothing changed while the lock was held');
  } finally {
    holder.stdin.end();
  }
  const [added, removed] = await Promise.all([adding, removing]);
  assert.equal(added.code, 0, added.stderr);
  assert.equal(removed.code, 0, removed.stderr);
  assert.deepEqual(namesIn(file), ['second']);
});
