// Parallel hooks on real Jobs: same-weight hooks marked hookline.dev/hook-parallel (or all,
// with --parallel-hooks) run together under a cap; the first failure fails the phase after the
// running siblings finish; unmarked hooks keep Helm's one-by-one order.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TimedEvent } from '../../src/release/events.ts';
import { failureOf, freshCluster, hookEvents, install, jobExists, type Cluster, type TestHook } from './support.ts';

const clusters: Cluster[] = [];
// Hooks are host processes sharing this directory: each marks itself there, so a hook can wait
// until its siblings run and "at the same time" is a fact, not a matter of how fast pods start.
const meetings = mkdtempSync(join(tmpdir(), 'hc-parallel-'));
after(async () => {
  await Promise.all(clusters.map((c) => c.drop()));
  rmSync(meetings, { recursive: true, force: true });
});

/** A hook script: marks `name` as running in `group`, waits until `count` hooks of it have, then runs `then`. */
function meet(group: string, name: string, count: number, then: string): string {
  const dir = join(meetings, group);
  return `mkdir -p ${dir}; touch ${dir}/${name}; until [ "$(ls ${dir} | wc -l)" -ge ${count} ]; do sleep 0.1; done; ${then}`;
}

async function cluster(prefix: string): Promise<Cluster> {
  const c = await freshCluster(prefix);
  clusters.push(c);
  return c;
}

/** The most hooks that were between hook-created and hook-finished at the same time. */
function mostRunningAtOnce(events: TimedEvent[]): number {
  let running = 0;
  let most = 0;
  for (const e of events) {
    if (e.type === 'hook-created') most = Math.max(most, ++running);
    if (e.type === 'hook-finished') running--;
  }
  return most;
}

const parallel = { 'hookline.dev/hook-parallel': 'true' };

describe('parallel hooks', { concurrency: 2 }, () => {
  test('same-weight hooks marked parallel run together; the next weight waits for all of them', async () => {
    const { ctx, events } = await cluster('hc-par');
    // None ends before all three run: run one at a time, they would wait until the hook timeout.
    const hooks: TestHook[] = ['p-a', 'p-b', 'p-c'].map((name) => ({ name, script: meet('par', name, 3, `echo ${name} working`), annotations: parallel, deletePolicy: 'hook-succeeded' }));
    const release = await install(ctx, 'par', [...hooks, { name: 'p-next', weight: 1 }]);
    assert.equal(release.info.status, 'deployed');
    const order = hookEvents(events, 'hook-created', 'hook-finished');
    assert.deepEqual(order.slice(0, 3).sort(), ['hook-created p-a', 'hook-created p-b', 'hook-created p-c'], `all three start before any ends: ${order.join(', ')}`);
    assert.deepEqual(order.slice(3, 6).sort(), ['hook-finished p-a', 'hook-finished p-b', 'hook-finished p-c']);
    assert.deepEqual(order.slice(6), ['hook-created p-next', 'hook-finished p-next']);
    assert.deepEqual(release.hooks?.map((h) => `${h.name}: ${h.last_run.phase}`), ['p-a: Succeeded', 'p-b: Succeeded', 'p-c: Succeeded', 'p-next: Succeeded']);
    const [stored] = await ctx.storage.history('par');
    assert.deepEqual(stored.hooks?.map((h) => h.last_run.phase), ['Succeeded', 'Succeeded', 'Succeeded', 'Succeeded'], 'the record holds every parallel hook\'s outcome');
    for (const h of hooks) assert.equal(await jobExists(ctx, h.name), false, `${h.name} deleted by hook-succeeded`);
  });

  test('--parallel-hooks=2 runs unmarked same-weight hooks two at a time', async () => {
    const { ctx, events } = await cluster('hc-cap');
    ctx.parallelHooks = 2;
    // The first two wait for each other, so two do run at once; the cap keeps it from being more.
    await install(ctx, 'cap', ['c-1', 'c-2', 'c-3', 'c-4'].map((name) => ({ name, script: meet('cap', name, 2, 'sleep 1') })));
    assert.equal(mostRunningAtOnce(events), 2);
    assert.equal(hookEvents(events, 'hook-finished').length, 4);
  });

  test('without the annotation or the flag, same-weight hooks run one by one as in Helm', async () => {
    const { ctx, events } = await cluster('hc-serial');
    await install(ctx, 'serial', [{ name: 's-a', script: 'sleep 1' }, { name: 's-b', script: 'sleep 1' }]);
    assert.deepEqual(hookEvents(events, 'hook-created', 'hook-finished'), ['hook-created s-a', 'hook-finished s-a', 'hook-created s-b', 'hook-finished s-b']);
  });

  test('the first failure fails the phase; running siblings finish and get their delete policy; no later hook starts', async () => {
    const { ctx, events } = await cluster('hc-parfail');
    const err = await failureOf(install(ctx, 'parfail', [
      // f-fails fails only once f-slow runs, so f-slow is a running sibling when the phase fails.
      { name: 'f-fails', script: meet('parfail', 'f-fails', 2, 'echo broken; exit 1'), annotations: parallel, deletePolicy: 'hook-failed' },
      { name: 'f-slow', script: meet('parfail', 'f-slow', 2, 'sleep 3'), annotations: parallel, deletePolicy: 'hook-succeeded' },
      { name: 'f-later', weight: 2 },
    ]));
    assert.match(err.message, /^failed pre-install: resource Job\/.*\/f-fails not ready\. status: Failed/);
    const [record] = await ctx.storage.history('parfail');
    assert.equal(record.info.status, 'failed');
    assert.deepEqual(record.hooks?.map((h) => `${h.name}: ${h.last_run.phase || 'never run'}`), ['f-fails: Failed', 'f-slow: Succeeded', 'f-later: never run']);
    assert.deepEqual(hookEvents(events, 'hook-deleted').sort(), ['hook-deleted f-fails', 'hook-deleted f-slow']);
    assert.equal(hookEvents(events, 'hook-created').includes('hook-created f-later'), false);
    assert.equal(mostRunningAtOnce(events), 2);
  });
});
