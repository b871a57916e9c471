// Lesson Concept 6, post-upgrade side: a failing cache-bust leaves the new code running, the new
// revision failed and the previous one deployed, as the reference helm does (not the lesson's "warning").
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { freePort } from '../../scripts/lesson-services.ts';
import { runHelm } from '../support/lifecycle-harness.ts';
import { expectExit, freshDatabase, LessonRelease, lessonChart, type Run } from '../support/lesson.ts';

const revisions = (history: Run) => (JSON.parse(history.stdout) as Array<{ revision: number; status: string }>).map((r) => [r.revision, r.status]);

describe('a failing post-upgrade hook (cache-bust with Redis down)', () => {
  let release: LessonRelease;
  let helmRelease: LessonRelease;
  let upgraded: Run;
  let helmUpgraded: Run;
  const helm = (args: string[]) => runHelm([...args, '-n', helmRelease.namespace, '--timeout', '60s']);

  before(async () => {
    const database = await freshDatabase('acc_posthook');
    [release, helmRelease] = await Promise.all([LessonRelease.create('acc-posthook', { database }), LessonRelease.create('acc-posthook-helm', { database })]);
    const [installed, helmInstalled] = await Promise.all([
      release.install(['app.schemaVersion=1']),
      helm(['install', helmRelease.name, lessonChart, ...helmRelease.values(['app.schemaVersion=1'])]),
    ]);
    expectExit(installed, 'ok', 'hookline install');
    expectExit(helmInstalled, 'ok', 'helm install');
    const redisDown = ['app.schemaVersion=2', `redis.port=${await freePort()}`]; // nothing listens there
    [upgraded, helmUpgraded] = await Promise.all([
      release.upgrade(redisDown, ['--timeout', '60s']),
      helm(['upgrade', helmRelease.name, lessonChart, ...helmRelease.values(redisDown)]),
    ]);
  });
  after(async () => {
    await release?.cleanup();
    await helmRelease?.cleanup();
  });

  test('the upgrade exits non-zero with helm\'s message', () => {
    expectExit(helmUpgraded, 'fail', 'helm upgrade');
    expectExit(upgraded, 'fail', 'hookline upgrade');
    const errorLine = (stderr: string, { namespace, name }: LessonRelease) =>
      stderr.split('\n').find((l) => l.startsWith('Error: '))?.replaceAll(namespace, 'NS').replaceAll(name, 'RELEASE');
    assert.match(errorLine(helmUpgraded.stderr, helmRelease) ?? '', /post-upgrade hooks failed: .*RELEASE-cache-bust/);
    assert.equal(errorLine(upgraded.stderr, release), errorLine(helmUpgraded.stderr, helmRelease));
  });

  test('the revision is failed as in helm, yet the new code already runs', async () => {
    const [ours, helms] = await Promise.all([release.hookline(['history', release.name, '-o', 'json']), runHelm(['history', helmRelease.name, '-o', 'json', '-n', helmRelease.namespace])]);
    expectExit(ours, 'ok', 'hookline history');
    expectExit(helms, 'ok', 'helm history');
    assert.deepEqual(revisions(ours), revisions(helms));
    assert.deepEqual(revisions(ours), [[1, 'deployed'], [2, 'failed']], 'helm supersedes the previous revision only on success');
    // The upgrade ran without --wait: the replaced pod may still be starting when the hook fails.
    expectExit(await release.kubectl(['rollout', 'status', `deployment/${release.name}`, '--timeout=60s']), 'ok', 'kubectl rollout status');
    const health = await fetch(`http://127.0.0.1:${release.appPort}/health`).then((r) => r.json());
    assert.deepEqual(health, { status: 'ok', schemaVersion: 2 });
  });
});
