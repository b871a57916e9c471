// Hook completion as Helm 4 judges it: Job conditions, Pod phases, other kinds at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hookStatus, isWaitedKind } from '../../src/release/hook-status.ts';

test('a Job is current only once Complete, failed once Failed, in progress otherwise', () => {
  const job = (conditions: Array<{ type: string; status: string }>, status: Record<string, number> = {}) =>
    ({ kind: 'Job', spec: { completions: 1 }, status: { ...status, conditions } });
  assert.deepEqual(hookStatus(job([], { active: 1 })), { state: 'InProgress', message: 'Job in progress' });
  assert.deepEqual(hookStatus(job([{ type: 'Complete', status: 'True' }], { succeeded: 1 })),
    { state: 'Current', message: 'Job Completed. succeeded: 1/1' });
  assert.deepEqual(hookStatus(job([{ type: 'FailureTarget', status: 'True' }, { type: 'Failed', status: 'True' }], { failed: 2 })),
    { state: 'Failed', message: 'Job Failed. failed: 2/1' });
  assert.equal(hookStatus(job([{ type: 'Complete', status: 'False' }])).state, 'InProgress');
});

test('a Pod is judged by its phase; other kinds are done as soon as they exist', () => {
  assert.deepEqual(hookStatus({ kind: 'Pod', metadata: { name: 'p' }, status: { phase: 'Succeeded' } }), { state: 'Current', message: 'pod p succeeded' });
  assert.deepEqual(hookStatus({ kind: 'Pod', metadata: { name: 'p' }, status: { phase: 'Failed' } }), { state: 'Failed', message: 'pod p failed' });
  assert.equal(hookStatus({ kind: 'Pod', status: { phase: 'Running' } }).state, 'InProgress');
  assert.equal(hookStatus({ kind: 'ConfigMap' }).state, 'Current');
  assert.deepEqual(['Job', 'Pod', 'ConfigMap', 'Deployment'].map(isWaitedKind), [true, true, false, false]);
});
