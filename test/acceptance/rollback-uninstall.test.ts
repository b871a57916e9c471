// Lesson Concepts 2 and 6 at the end of a release's life: pre-rollback and pre-delete backups,
// the post-rollback health check, and a failing pre-delete hook that keeps the release installed.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { expectExit, freshDatabase, hooksByStart, LessonRelease } from '../support/lesson.ts';

const chartObjects = (name: string) => [
  `/apis/apps/v1/namespaces/NS/deployments/${name}`, `/api/v1/namespaces/NS/services/${name}`, `/api/v1/namespaces/NS/configmaps/${name}-app`,
];

describe('rollback and uninstall hooks', { concurrency: true }, () => {
  test('rollback backs up then health-checks; uninstall backs up then deregisters', async () => {
    const release = await LessonRelease.create('acc-rollback', { database: await freshDatabase('acc_rollback') });
    try {
      expectExit(await release.install(['app.schemaVersion=1']), 'ok', 'hookline install');
      expectExit(await release.upgrade(['app.schemaVersion=2']), 'ok', 'hookline upgrade');
      expectExit(await release.hookline(['rollback', release.name, '1', '--wait']), 'ok', 'hookline rollback');
      const [rolledBack] = (await release.records()).slice(-1);
      assert.deepEqual([rolledBack.version, rolledBack.info.status, rolledBack.info.description], [3, 'deployed', 'Rollback to 1']);
      assert.deepEqual(hooksByStart(rolledBack, 'pre-rollback'), [`${release.name}-backup-rollback`]);
      assert.deepEqual(hooksByStart(rolledBack, 'post-rollback'), [`${release.name}-verify-rollback`]);
      assert.deepEqual(await fetch(`http://127.0.0.1:${release.appPort}/health`).then((r) => r.json()), { status: 'ok', schemaVersion: 1 });

      expectExit(await release.hookline(['uninstall', release.name, '--keep-history']), 'ok', 'hookline uninstall');
      const [uninstalled] = (await release.records()).slice(-1);
      assert.equal(uninstalled.info.status, 'uninstalled');
      assert.deepEqual(hooksByStart(uninstalled, 'pre-delete'), [`${release.name}-backup-delete`]);
      assert.deepEqual(hooksByStart(uninstalled, 'post-delete'), [`${release.name}-deregister`]);
      for (const hook of uninstalled.hooks!.filter((h) => h.events?.some((e) => e === 'pre-delete' || e === 'post-delete'))) {
        assert.equal(hook.last_run.phase, 'Succeeded', hook.name);
      }
      const backups = readdirSync(release.backupDir).sort();
      assert.deepEqual(backups.map((f) => f.replace(/-\d+\.sql$/, '')), [`${release.namespace}-${release.name}-delete`, `${release.namespace}-${release.name}-rollback`]);
      for (const file of backups) assert.match(readFileSync(join(release.backupDir, file), 'utf8'), /CREATE TABLE public\.agents/, file);
      for (const path of chartObjects(release.name)) assert.equal(await release.object(path), undefined, path);
    } finally {
      await release.cleanup();
    }
  });

  test('Concept 6: a failing pre-delete hook keeps the release and its resources', async () => {
    const release = await LessonRelease.create('acc-predelete');
    try {
      // mkdir under a character device fails even for root: the pre-delete backup exits non-zero.
      expectExit(await release.install(['app.schemaVersion=1', 'backup.dir=/dev/null/backups']), 'ok', 'hookline install');
      const uninstall = await release.hookline(['uninstall', release.name, '--timeout', '60s']);
      expectExit(uninstall, 'fail', 'hookline uninstall with a failing pre-delete hook');
      assert.match(uninstall.stderr, /pre-delete hooks failed: resource Job\/acc-predelete-[0-9a-f]+\/acc-predelete-backup-delete not ready\. status: Failed/);
      const history = await release.hookline(['history', release.name, '-o', 'json']);
      expectExit(history, 'ok', 'hookline history');
      assert.deepEqual((JSON.parse(history.stdout) as Array<{ revision: number; status: string }>).map((r) => [r.revision, r.status]), [[1, 'deployed']]);
      for (const path of chartObjects(release.name)) assert.ok(await release.object(path), `${path} was deleted`);
      assert.deepEqual(await fetch(`http://127.0.0.1:${release.appPort}/health`).then((r) => r.json()), { status: 'ok', schemaVersion: 1 });
      const failedJob = await release.object<{ status: { failed?: number } }>(`/apis/batch/v1/namespaces/NS/jobs/${release.name}-backup-delete`);
      assert.ok((failedJob?.status.failed ?? 0) >= 1, 'the failed backup Job stays for debugging');
    } finally {
      await release.cleanup();
    }
  });
});
