// Which hooks run together (batches by weight and hookline.dev/hook-parallel or --parallel-hooks)
// and the capped runner: order of results, the cap, and no new start after a task threw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hookBatches, runLimited } from '../../src/release/hook-batches.ts';
import type { Hook } from '../../src/release/record.ts';

const hook = (name: string, weight: number, parallel?: boolean): Hook => ({
  name, kind: 'Job', weight, events: ['pre-install'], path: `c/${name}.yaml`, last_run: { phase: '' },
  manifest: `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: ${name}\n${parallel ? '  annotations:\n    hookline.dev/hook-parallel: "true"\n' : ''}`,
});

const names = (batches: ReturnType<typeof hookBatches>) => batches.map((b) => b.hooks.map((h) => h.name).join('+'));

test('marked neighbours of one weight form a batch; unmarked hooks and other weights stay alone', () => {
  const hooks = [hook('a', 0, true), hook('b', 0, true), hook('c', 0), hook('d', 0, true), hook('e', 1, true), hook('f', 1, true)];
  assert.deepEqual(names(hookBatches(hooks)), ['a+b', 'c', 'd', 'e+f']);
  assert.deepEqual(names(hookBatches(hooks, 3)), ['a+b+c+d', 'e+f'], '--parallel-hooks batches every same-weight run');
  assert.equal(hookBatches(hooks, 3)[0].limit, 3);
  assert.deepEqual(names(hookBatches(hooks, 1)), ['a', 'b', 'c', 'd', 'e', 'f'], 'a cap of 1 is one by one');
});

test('runLimited keeps the cap, the items\' order, and starts nothing after a failure', async () => {
  let running = 0;
  let most = 0;
  const started: number[] = [];
  const results = await runLimited([1, 2, 3, 4, 5], 2, async (n) => {
    started.push(n);
    most = Math.max(most, ++running);
    await new Promise((r) => setTimeout(r, 10 * (6 - n)));
    running--;
    return n * 10;
  });
  assert.deepEqual(results, [10, 20, 30, 40, 50]);
  assert.equal(most, 2);
  assert.deepEqual(started, [1, 2, 3, 4, 5]);

  const begun: number[] = [];
  await assert.rejects(runLimited([1, 2, 3, 4], 2, async (n) => {
    begun.push(n);
    if (n === 1) throw new Error('first fails');
    await new Promise((r) => setTimeout(r, 20));
    return n;
  }), { message: 'first fails' });
  assert.deepEqual(begun, [1, 2], 'the running sibling finished; no new item started');
});
