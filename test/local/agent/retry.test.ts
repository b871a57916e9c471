// The node agent's retry of API writes: transient failures are retried, refusals are not, and a stop ends it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KubeApiError } from '../../../src/kube/client.ts';
import { retryTransient } from '../../../src/local/agent/retry.ts';

const quiet = <T>(run: () => Promise<T>) => async () => {
  const original = console.error;
  console.error = () => {};
  try {
    return await run();
  } finally {
    console.error = original;
  }
};

test('a dropped connection and a 503 are retried until the write lands', quiet(async () => {
  const failures = [new Error('socket hang up'), new KubeApiError(503, 'ServiceUnavailable', 'apiserver is shutting down', {})];
  let calls = 0;
  const result = await retryTransient('write', async () => {
    calls++;
    const failure = failures.shift();
    if (failure) throw failure;
    return 'done';
  }, () => false);
  assert.deepEqual([result, calls], ['done', 3]);
}));

test('a refusal (404, 409, 422) is thrown at once; 429 is retried', quiet(async () => {
  for (const status of [404, 409, 422]) {
    let calls = 0;
    const refusal = new KubeApiError(status, 'Refused', `refused with ${status}`, {});
    await assert.rejects(retryTransient('write', async () => { calls++; throw refusal; }, () => false), refusal);
    assert.equal(calls, 1, `status ${status}`);
  }
  let calls = 0;
  await retryTransient('write', async () => {
    if (++calls === 1) throw new KubeApiError(429, 'TooManyRequests', 'slow down', {});
  }, () => false);
  assert.equal(calls, 2);
}));

test('a stop ends the retries with the last error, as does the attempt limit', quiet(async () => {
  let stopped = false;
  let calls = 0;
  const failure = new Error('connect ECONNREFUSED');
  await assert.rejects(retryTransient('write', async () => { calls++; stopped = true; throw failure; }, () => stopped), failure);
  assert.equal(calls, 1);
  calls = 0;
  await assert.rejects(retryTransient('write', async () => { calls++; throw failure; }, () => false, 3), failure);
  assert.equal(calls, 3);
}));
