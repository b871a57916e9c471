// Lesson Exercises 2, 3 and 6 and Concept 5 on a real upgrade: the migration runs before its
// validation, the weighted steps run in order, the post-upgrade hook flushes Redis, and
// hook-succeeded Jobs are gone afterwards.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startLessonServices, type LessonServices } from '../../scripts/lesson-services.ts';
import type { Release } from '../../src/storage/record.ts';
import { testClient } from '../support/cluster.ts';
import { expectExit, freshDatabase, hooksByStart, LessonRelease, redisCli, sql } from '../support/lesson.ts';
import { ObjectRecorder } from '../support/object-recorder.ts';

describe('upgrade: migration, weighted steps and cache bust', () => {
  let release: LessonRelease;
  let database: string;
  let redisDir: string;
  let ownRedis: LessonServices; // cache-bust runs FLUSHALL: only on a Redis no other test uses
  let recorder: ObjectRecorder;
  let upgraded: Release;
  let registeredBeforeUpgrade: string;

  before(async () => {
    redisDir = mkdtempSync(join(tmpdir(), 'hookline-acc-redis-'));
    chmodSync(redisDir, 0o755);
    ownRedis = await startLessonServices(redisDir);
    database = await freshDatabase('acc_upgrade');
    release = await LessonRelease.create('acc-upgrade', { database, redisPort: ownRedis.redis.port });
    expectExit(await release.install(['app.schemaVersion=1']), 'ok', 'hookline install');
    expectExit(await redisCli(ownRedis.redis.port, ['SET', 'agent:cache:acc-upgrade', 'stale']), 'ok', 'redis-cli SET');
    registeredBeforeUpgrade = (await redisCli(ownRedis.redis.port, ['SMEMBERS', 'agent-registry'])).stdout.trim();
    recorder = new ObjectRecorder(testClient(), release.namespace, ['Job']);
    await recorder.started();
    expectExit(await release.upgrade(['app.schemaVersion=2', 'sequence.enabled=true']), 'ok', 'hookline upgrade');
    // The last hook deletions may still be on their way through the watch.
    await recorder.flush();
    recorder.stop();
    upgraded = (await release.records()).slice(-1)[0];
  });
  after(async () => {
    recorder?.stop();
    await release?.cleanup();
    await ownRedis?.stop();
    if (redisDir) rmSync(redisDir, { recursive: true, force: true });
  });

  test('the upgrade is deployed as revision 2', () => {
    assert.deepEqual([upgraded.version, upgraded.info.status], [2, 'deployed']);
  });

  test('Exercise 2: migrate ran before validate-migration, and the new columns exist', async () => {
    const created = recorder.sequence((o) => o.verb === 'created').map((line) => line.replace(`created Job/${release.name}-`, ''));
    assert.ok(created.indexOf('migrate') >= 0 && created.indexOf('migrate') < created.indexOf('validate-migration'), `Job creation order: ${created.join(', ')}`);
    const columns = await sql<{ column_name: string }>(database, "SELECT column_name FROM information_schema.columns WHERE table_name = 'agents' AND column_name IN ('embedding_model', 'parameters') ORDER BY column_name");
    assert.deepEqual(columns.map((c) => c.column_name), ['embedding_model', 'parameters']);
    const response = await fetch(`http://127.0.0.1:${release.appPort}/api/agents`);
    assert.equal(response.status, 200, 'version 2 of the app reads the new columns');
    assert.deepEqual(await fetch(`http://127.0.0.1:${release.appPort}/health`).then((r) => r.json()), { status: 'ok', schemaVersion: 2 });
  });

  test('Exercise 6 / Concept 4: pre-upgrade hooks ran in weight order, ties by name', () => {
    const n = release.name;
    const expected = ['agent-db-credentials', `${n}-step-1-backup`, `${n}-migrate`, `${n}-step-2-migrate`, `${n}-validate-migration`, `${n}-step-3-verify`];
    assert.deepEqual(hooksByStart(upgraded, 'pre-upgrade'), expected);
    const jobsCreated = recorder.sequence((o) => o.verb === 'created').map((line) => line.replace('created Job/', ''));
    assert.deepEqual(jobsCreated.filter((name) => expected.includes(name)), expected.slice(1));
    for (const hook of upgraded.hooks!.filter((h) => h.events?.includes('pre-upgrade'))) assert.equal(hook.last_run.phase, 'Succeeded', hook.name);
  });

  test('Exercise 3: the post-upgrade cache-bust flushed Redis', async () => {
    assert.equal(registeredBeforeUpgrade, `${release.namespace}/${release.name}`, 'post-install registered the release');
    const [cacheBust] = hooksByStart(upgraded, 'post-upgrade');
    assert.equal(cacheBust, `${release.name}-cache-bust`);
    const key = await redisCli(ownRedis.redis.port, ['EXISTS', 'agent:cache:acc-upgrade']);
    assert.equal(key.stdout.trim(), '0');
    const registry = await redisCli(ownRedis.redis.port, ['SCARD', 'agent-registry']);
    assert.equal(registry.stdout.trim(), '0', 'the registry entry written by post-install is flushed too');
  });

  test('Concept 5: hook-succeeded Jobs are deleted after they succeed; before-hook-creation-only ones stay', async () => {
    const deleted = recorder.sequence((o) => o.verb === 'deleted').map((line) => line.replace(`deleted Job/${release.name}-`, ''));
    for (const job of ['migrate', 'validate-migration', 'step-1-backup', 'step-2-migrate', 'step-3-verify', 'cache-bust']) {
      assert.ok(deleted.includes(job), `${job} was never deleted (seen: ${deleted.join(', ')})`);
      assert.equal(await release.object(`/apis/batch/v1/namespaces/NS/jobs/${release.name}-${job}`), undefined, job);
    }
    const dbInit = await release.object<{ status: { succeeded?: number } }>(`/apis/batch/v1/namespaces/NS/jobs/${release.name}-db-init`);
    assert.equal(dbInit?.status.succeeded, 1, 'db-init (before-hook-creation only) is kept after it succeeded');
  });
});
