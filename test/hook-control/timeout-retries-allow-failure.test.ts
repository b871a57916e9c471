// hookline.dev/hook-timeout, hook-retries and hook-allow-failure on real Jobs in the test
// cluster: what fails, what is retried as a fresh object, what the release records.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { failureOf, freshCluster, hookEvents, install, jobExists, type Cluster } from './support.ts';

const clusters: Cluster[] = [];
const scratch = mkdtempSync(join(tmpdir(), 'hook-retries-'));
after(async () => {
  rmSync(scratch, { recursive: true, force: true });
  await Promise.all(clusters.map((c) => c.drop()));
});

async function cluster(prefix: string): Promise<Cluster> {
  const c = await freshCluster(prefix);
  clusters.push(c);
  return c;
}

describe('per-hook timeout, retries and allowed failures', { concurrency: 3 }, () => {
  test('hook-timeout fails a hook that runs longer, with the annotation named; the Job is kept by its delete policy', async () => {
    const { ctx } = await cluster('hc-timeout');
    const err = await failureOf(install(ctx, 'slow', [
      { name: 'slow-hook', script: 'sleep 60', annotations: { 'hookline.dev/hook-timeout': '2s' } },
    ]));
    assert.match(err.message, /failed pre-install: resource Job\/.*\/slow-hook not ready\. status: InProgress.*\nhookline\.dev\/hook-timeout of 2s exceeded/s);
    const [record] = await ctx.storage.history('slow');
    assert.equal(record.info.status, 'failed');
    assert.match(record.info.description ?? '', /hookline\.dev\/hook-timeout of 2s exceeded/);
    assert.equal(record.hooks?.[0].last_run.phase, 'Failed');
    assert.equal(await jobExists(ctx, 'slow-hook'), true, 'before-hook-creation keeps the timed-out Job for debugging');
  });

  test('hook-retries runs a failed hook again as a fresh Job, until it succeeds', async () => {
    const { ctx, events } = await cluster('hc-retry');
    const marker = join(scratch, 'first-attempt-done');
    const release = await install(ctx, 'flaky', [
      { name: 'flaky-hook', script: `if [ -e ${marker} ]; then echo second; exit 0; fi; touch ${marker}; echo first; exit 3`,
        annotations: { 'hookline.dev/hook-retries': '2', 'hookline.dev/hook-retry-backoff': '200ms' } },
    ]);
    assert.equal(existsSync(marker), true);
    assert.equal(release.info.status, 'deployed');
    assert.deepEqual(hookEvents(events, 'hook-created', 'hook-retrying', 'hook-finished'), [
      'hook-created flaky-hook', 'hook-finished flaky-hook', 'hook-retrying flaky-hook', 'hook-created flaky-hook', 'hook-finished flaky-hook',
    ]);
    const retry = events.find((e) => e.type === 'hook-retrying');
    assert.ok(retry?.type === 'hook-retrying');
    assert.equal(retry.attempt, 1);
    assert.equal(retry.attempts, 3);
    assert.equal(retry.failure.exitCode, 3);
    const finished = events.filter((e) => e.type === 'hook-finished').map((e) => e.type === 'hook-finished' && e.phase);
    assert.deepEqual(finished, ['Failed', 'Succeeded']);
    assert.equal(release.hooks?.[0].last_run.phase, 'Succeeded');
  });

  test('a hook failing every attempt fails the phase after 1 + retries attempts', async () => {
    const { ctx, events } = await cluster('hc-retry-out');
    const err = await failureOf(install(ctx, 'broken', [
      { name: 'broken-hook', script: 'echo nope; exit 1', annotations: { 'hookline.dev/hook-retries': '2', 'hookline.dev/hook-retry-backoff': '100ms' } },
      { name: 'after-broken', weight: 1 },
    ]));
    assert.match(err.message, /broken-hook not ready\. status: Failed/);
    assert.deepEqual(hookEvents(events, 'hook-created', 'hook-retrying'), [
      'hook-created broken-hook', 'hook-retrying broken-hook', 'hook-created broken-hook', 'hook-retrying broken-hook', 'hook-created broken-hook',
    ]);
    const delays = events.flatMap((e) => (e.type === 'hook-retrying' ? [e.delayMs] : []));
    assert.deepEqual(delays, [100, 200], 'the backoff doubles');
    assert.equal(await jobExists(ctx, 'after-broken'), false, 'the phase stopped at the failed hook');
  });

  test('hook-allow-failure lets the phase go on and says in the description and events which hook failed and why', async () => {
    const { ctx, events } = await cluster('hc-allow');
    const release = await install(ctx, 'lenient', [
      { name: 'optional-hook', script: 'echo cannot reach the cache; exit 2', annotations: { 'hookline.dev/hook-allow-failure': 'true' } },
      { name: 'later-hook', weight: 5, deletePolicy: 'hook-succeeded' },
    ]);
    assert.equal(release.info.status, 'deployed');
    assert.match(release.info.description ?? '', /^Install complete; 1 hook failure\(s\) allowed \(hookline\.dev\/hook-allow-failure\): pre-install hook Job\/optional-hook: resource Job\/.*optional-hook not ready\. status: Failed/);
    const [stored] = await ctx.storage.history('lenient');
    assert.equal(stored.info.description, release.info.description);
    assert.deepEqual(stored.hooks?.map((h) => `${h.name}: ${h.last_run.phase}`), ['optional-hook: Failed', 'later-hook: Succeeded']);
    const allowed = events.find((e) => e.type === 'hook-failure-allowed');
    assert.ok(allowed?.type === 'hook-failure-allowed');
    assert.equal(allowed.hook.name, 'optional-hook');
    assert.equal(allowed.failure?.exitCode, 2);
    assert.deepEqual(allowed.failure?.logTail, ['cannot reach the cache']);
    assert.equal(await jobExists(ctx, 'later-hook'), false, 'later-hook ran and was deleted by hook-succeeded');
  });

  test('an unusable hookline.dev/ value is refused before anything is recorded, naming the template and the fix', async () => {
    const { ctx } = await cluster('hc-bad');
    const err = await failureOf(install(ctx, 'bad', [{ name: 'bad-hook', annotations: { 'hookline.dev/hook-timeout': 'soon' } }]));
    assert.equal(err.message, 'hook-control/templates/hooks.yaml (Job/bad-hook): annotation hookline.dev/hook-timeout: "soon" is not a duration; write it as Go does, like "90s", "2m" or "1m30s"');
    assert.deepEqual(await ctx.storage.history('bad'), []);
    const retries = await failureOf(install(ctx, 'bad', [{ name: 'bad-hook', annotations: { 'hookline.dev/hook-retries': '-1' } }]));
    assert.match(retries.message, /annotation hookline\.dev\/hook-retries: "-1" is out of range; write a whole number from 0 to 20/);
    assert.equal(await jobExists(ctx, 'bad-hook'), false);
  });
});
