// Lesson Exercises 1, 5 and 7 and Concepts 2, 3, 7 and 9 on a real install: db-init creates the
// schema before anything else, a second install is harmless, hook Jobs are readable with kubectl,
// a hook-succeeded Job is gone once it ran, and the hook annotations are what the record holds.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { expectExit, freshDatabase, hooksByStart, LessonRelease, sql } from '../support/lesson.ts';

describe('install: the pre-install schema hook and the post-install hooks', () => {
  let first: LessonRelease;
  let second: LessonRelease;
  let database: string;

  before(async () => {
    database = await freshDatabase('acc_install');
    first = await LessonRelease.create('acc-install', { database });
    expectExit(await first.install(['cleanupTest.enabled=true']), 'ok', 'hookline install');
  });
  after(async () => {
    await first?.cleanup();
    await second?.cleanup();
  });

  test('Exercise 1: the agents table and its indexes exist after install', async () => {
    const columns = await sql<{ column_name: string }>(database, "SELECT column_name FROM information_schema.columns WHERE table_name = 'agents' ORDER BY ordinal_position");
    assert.deepEqual(columns.map((c) => c.column_name), ['id', 'name', 'model_id', 'status', 'created_at', 'updated_at']);
    const indexes = await sql<{ indexname: string }>(database, "SELECT indexname FROM pg_indexes WHERE tablename = 'agents' ORDER BY indexname");
    assert.deepEqual(indexes.map((i) => i.indexname), ['agents_pkey', 'idx_agents_created', 'idx_agents_status']);
  });

  test('Exercise 1: installing the chart again in another namespace is harmless (idempotent SQL)', async () => {
    await sql(database, "INSERT INTO agents (name) VALUES ('kept-across-installs')");
    second = await LessonRelease.create('acc-install2', { database });
    expectExit(await second.install(), 'ok', 'second hookline install');
    for (const release of [first, second]) {
      const [latest] = (await release.records()).slice(-1);
      assert.equal(latest.info.status, 'deployed', `${release.namespace}/${release.name}`);
    }
    const rows = await sql<{ n: string }>(database, "SELECT count(*) AS n FROM agents WHERE name = 'kept-across-installs'");
    assert.equal(rows[0].n, '1', 'db-init must not drop or recreate the table');
  });

  test('pre-install hooks run before the post-install ones, in weight order (Concept 2, 4)', async () => {
    const [record] = await first.records();
    assert.deepEqual(hooksByStart(record, 'pre-install'), ['agent-db-credentials', `${first.name}-db-init`]);
    const post = hooksByStart(record, 'post-install');
    assert.deepEqual([...post].sort(), [`${first.name}-cleanup-test`, `${first.name}-register`]);
    const startOf = (name: string) => Date.parse(record.hooks!.find((h) => h.name === name)!.last_run.started_at!);
    const dbInitDone = Date.parse(record.hooks!.find((h) => h.name === `${first.name}-db-init`)!.last_run.completed_at!);
    for (const name of post) assert.ok(startOf(name) >= dbInitDone, `${name} started before db-init completed`);
  });

  test('Concept 7: the record holds the hook annotations as parsed', async () => {
    const [record] = await first.records();
    const byName = new Map(record.hooks!.map((h) => [h.name, h]));
    const dbInit = byName.get(`${first.name}-db-init`)!;
    assert.deepEqual([dbInit.kind, dbInit.events, dbInit.weight, dbInit.delete_policies], ['Job', ['pre-install'], -10, ['before-hook-creation']]);
    const secret = byName.get('agent-db-credentials')!;
    assert.deepEqual([secret.kind, secret.events, secret.weight], ['Secret', ['pre-install', 'pre-upgrade'], -100]);
    const register = byName.get(`${first.name}-register`)!;
    assert.deepEqual([register.events, register.weight, register.delete_policies], [['post-install'], 0, ['hook-succeeded', 'before-hook-creation']]);
    const smoke = byName.get(`${first.name}-smoke-test`)!;
    assert.deepEqual([smoke.events, smoke.last_run.phase], [['test'], ''], 'test hooks do not run on install');
  });

  test('Exercise 5: the hook-succeeded cleanup-test Job ran and is gone', async () => {
    const [record] = await first.records();
    const cleanup = record.hooks!.find((h) => h.name === `${first.name}-cleanup-test`)!;
    assert.equal(cleanup.last_run.phase, 'Succeeded');
    assert.equal(await first.object(`/apis/batch/v1/namespaces/NS/jobs/${first.name}-cleanup-test`), undefined);
    const register = await first.object(`/apis/batch/v1/namespaces/NS/jobs/${first.name}-register`);
    assert.equal(register, undefined, 'register (hook-succeeded) is deleted too');
  });

  test('Exercise 7 / Concept 9: kubectl shows the hook Jobs, their logs, description and events', async () => {
    const jobs = await first.kubectl(['get', 'jobs']);
    expectExit(jobs, 'ok', 'kubectl get jobs');
    const dbInitLine = jobs.stdout.split('\n').find((l) => l.startsWith(`${first.name}-db-init `));
    assert.ok(dbInitLine, `no db-init Job in:\n${jobs.stdout}`);
    assert.match(dbInitLine, /\bComplete\s+1\/1\s/);
    assert.doesNotMatch(jobs.stdout, /register|cleanup-test/, 'hook-succeeded Jobs must be gone');

    const wide = await first.kubectl(['get', 'jobs', '-o', 'wide', '-l', `release=${first.name}`]);
    expectExit(wide, 'ok', 'kubectl get jobs -o wide');
    assert.match(wide.stdout, /CONTAINERS\s+IMAGES\s+SELECTOR/);
    assert.match(wide.stdout, new RegExp(`${first.name}-db-init\\s+Complete\\s+1/1\\s.*\\binit\\s+postgres:15\\s`));

    const describeJob = await first.kubectl(['describe', 'job', `${first.name}-db-init`]);
    expectExit(describeJob, 'ok', 'kubectl describe job');
    assert.match(describeJob.stdout, /Pods Statuses:\s+0 Active \(0 Ready\) \/ 1 Succeeded \/ 0 Failed/);
    assert.match(describeJob.stdout, /helm\.sh\/hook: pre-install/);
    assert.match(describeJob.stdout, /Normal\s+SuccessfulCreate\s.*Created pod: /);
    assert.match(describeJob.stdout, /Normal\s+Completed\s.*Job completed/);

    const logs = await first.kubectl(['logs', `job/${first.name}-db-init`]);
    expectExit(logs, 'ok', 'kubectl logs');
    assert.match(logs.stdout, /^Initializing database schema\.\.\.$/m);
    assert.match(logs.stdout, /^Schema initialized successfully\.$/m);

    const events = await first.kubectl(['get', 'events', '--sort-by=.metadata.creationTimestamp']);
    expectExit(events, 'ok', 'kubectl get events');
    // creationTimestamp has one-second resolution, so two Jobs created within a second sort either
    // way in that listing; the events' resourceVersions (etcd's counter) give their real order.
    const listed = await first.kubectl(['get', 'events', '-o', 'json']);
    expectExit(listed, 'ok', 'kubectl get events -o json');
    const created = (job: string) => (JSON.parse(listed.stdout).items as Array<{ reason: string; involvedObject: { kind: string; name: string }; metadata: { resourceVersion: string } }>)
      .filter((e) => e.reason === 'SuccessfulCreate' && e.involvedObject.kind === 'Job' && e.involvedObject.name === job)
      .map((e) => Number(e.metadata.resourceVersion))[0] ?? -1;
    const dbInit = created(`${first.name}-db-init`);
    const register = created(`${first.name}-register`);
    assert.ok(dbInit >= 0 && register >= 0, `hook Job events missing:\n${events.stdout}`);
    assert.ok(dbInit < register, `the timeline shows db-init (pre-install) before register (post-install):\n${events.stdout}`);
  });
});
