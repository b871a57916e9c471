// Lesson Exercise 4 and Concepts 6 and 10: a failing pre-upgrade hook blocks the upgrade with
// helm's message, leaves the Deployment and the previous revision in place and the failed Job
// for debugging (through kubectl and Hookline's own output); with the hook turned off, the
// upgrade reruns the idempotent migration over a half-applied one and succeeds.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runHelm, type HelmRun } from '../support/lifecycle-harness.ts';
import { expectExit, freshDatabase, LessonRelease, lessonChart, sql, type Run } from '../support/lesson.ts';

interface DeploymentView { metadata: { generation: number }; spec: unknown }

describe('a failing pre-upgrade hook (debugFailure.enabled)', () => {
  let release: LessonRelease;
  let helmRelease: LessonRelease;
  let database: string;
  let before_: DeploymentView;
  let failed: Run;
  let helmFailed: HelmRun;
  const deploymentPath = () => `/apis/apps/v1/namespaces/NS/deployments/${release.name}`;

  before(async () => {
    database = await freshDatabase('acc_failed');
    [release, helmRelease] = await Promise.all([
      LessonRelease.create('acc-failed', { database }),
      LessonRelease.create('acc-failed-helm', { database }),
    ]);
    const helm = (args: string[], sets: string[]) => runHelm([...args, helmRelease.name, lessonChart, '-n', helmRelease.namespace, ...helmRelease.values(sets), '--timeout', '60s']);
    const [installed, helmInstalled] = await Promise.all([release.install(['app.schemaVersion=1']), helm(['install'], ['app.schemaVersion=1'])]);
    expectExit(installed, 'ok', 'hookline install');
    expectExit(helmInstalled, 'ok', 'helm install');
    // Concept 10: half of the migration applied by hand, as a migration that failed midway would leave it.
    await sql(database, 'ALTER TABLE agents ADD COLUMN embedding_model VARCHAR(100)');
    before_ = (await release.object<DeploymentView>(deploymentPath()))!;
    const failing = ['app.schemaVersion=2', 'debugFailure.enabled=true'];
    [failed, helmFailed] = await Promise.all([release.upgrade(failing, ['--timeout', '60s']), helm(['upgrade'], failing)]);
  });
  after(async () => {
    await release?.cleanup();
    await helmRelease?.cleanup();
  });

  test('Exercise 4: the upgrade fails with helm\'s message', () => {
    expectExit(failed, 'fail', 'hookline upgrade with a failing hook');
    expectExit(helmFailed, 'fail', 'helm upgrade with a failing hook');
    const errorLine = (stderr: string, { namespace, name }: LessonRelease) =>
      stderr.split('\n').find((l) => l.startsWith('Error: '))?.replaceAll(namespace, 'NS').replaceAll(name, 'RELEASE');
    const expected = 'Error: UPGRADE FAILED: pre-upgrade hooks failed: resource Job/NS/RELEASE-debug-fail not ready. status: Failed, message: Job Failed. failed: 2/1';
    assert.equal(errorLine(helmFailed.stderr, helmRelease), expected, 'the reference helm');
    assert.equal(errorLine(failed.stderr, release), expected);
  });

  test('Concept 6: the release stays at the previous revision and the Deployment is untouched', async () => {
    const history = await release.hookline(['history', release.name, '-o', 'json']);
    expectExit(history, 'ok', 'hookline history');
    const revisions = (JSON.parse(history.stdout) as Array<{ revision: number; status: string }>).map((r) => [r.revision, r.status]);
    assert.deepEqual(revisions, [[1, 'deployed'], [2, 'failed']]);
    const after_ = (await release.object<DeploymentView>(deploymentPath()))!;
    assert.equal(after_.metadata.generation, before_.metadata.generation);
    assert.deepEqual(after_.spec, before_.spec);
    const health = await fetch(`http://127.0.0.1:${release.appPort}/health`).then((r) => r.json());
    assert.deepEqual(health, { status: 'ok', schemaVersion: 1 }, 'the old code still runs');
    const columns = await sql(database, "SELECT 1 FROM information_schema.columns WHERE table_name = 'agents' AND column_name = 'parameters'");
    assert.equal(columns.length, 0, 'the migration (weight -5) never ran after debug-fail (weight -20) failed');
  });

  test('Exercise 4: the failed Job stays, with its logs and events readable through kubectl', async () => {
    const job = `${release.name}-debug-fail`;
    const kept = await release.object<{ status: { failed?: number; conditions?: Array<{ type: string; reason: string }> } }>(`/apis/batch/v1/namespaces/NS/jobs/${job}`);
    assert.equal(kept?.status.failed, 2);
    assert.ok(kept?.status.conditions?.some((c) => c.type === 'Failed' && c.reason === 'BackoffLimitExceeded'), JSON.stringify(kept?.status));
    const logs = await release.kubectl(['logs', `job/${job}`]);
    expectExit(logs, 'ok', 'kubectl logs');
    assert.match(logs.stdout, /^This hook intentionally fails$/m);
    const events = await release.kubectl(['get', 'events', '--sort-by=.metadata.creationTimestamp', `--field-selector=involvedObject.name=${job}`]);
    expectExit(events, 'ok', 'kubectl get events');
    assert.match(events.stdout, /Warning\s+BackoffLimitExceeded\s+job\/acc-failed-debug-fail\s+Job has reached the specified backoff limit/);
    const describeJob = await release.kubectl(['describe', 'job', job]);
    assert.match(describeJob.stdout, /Pods Statuses:\s+0 Active \(0 Ready\) \/ 0 Succeeded \/ 2 Failed/);
  });

  test('Exercise 4: Hookline explains the failure itself: reason, exit code and the log line', () => {
    const explanation = failed.stderr.slice(failed.stderr.indexOf(`Job/${release.name}-debug-fail FAILED`));
    assert.match(explanation, /failed: BackoffLimitExceeded, exit code 1/);
    assert.match(explanation, /\| This hook intentionally fails/);
    assert.match(explanation, /Warning BackoffLimitExceeded Job\/acc-failed-debug-fail/);
  });

  test('Concept 10: turned off, the next upgrade reruns the idempotent migration over the half-applied one', async () => {
    const upgraded = await release.upgrade(['app.schemaVersion=2']);
    expectExit(upgraded, 'ok', 'hookline upgrade without the failing hook');
    const [latest] = (await release.records()).slice(-1);
    assert.deepEqual([latest.version, latest.info.status], [3, 'deployed']);
    const migrate = latest.hooks!.find((h) => h.name === `${release.name}-migrate`)!;
    assert.equal(migrate.last_run.phase, 'Succeeded');
    const columns = await sql<{ column_name: string }>(database, "SELECT column_name FROM information_schema.columns WHERE table_name = 'agents' AND column_name IN ('embedding_model', 'parameters') ORDER BY column_name");
    assert.deepEqual(columns.map((c) => c.column_name), ['embedding_model', 'parameters']);
    assert.deepEqual(await fetch(`http://127.0.0.1:${release.appPort}/health`).then((r) => r.json()), { status: 'ok', schemaVersion: 2 });
  });
});
