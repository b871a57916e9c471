// The progress view of hook control: retry and allowed-failure lines, log lines prefixed with
// the hook's name, and a status line that counts parallel hooks still running.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HookRef, TimedEvent } from '../../src/release/events.ts';
import { eventLines, ProgressView } from '../../src/report/progress.ts';

const ref = (name: string): HookRef => ({ name, kind: 'Job', path: `c/templates/${name}.yaml`, weight: 0, event: 'pre-install' });
const failure = { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit', logTail: [], events: [] };

test('retries, allowed failures and parallel log lines read plainly', () => {
  assert.deepEqual(eventLines({ type: 'hook-retrying', hook: ref('migrate'), attempt: 1, attempts: 3, delayMs: 2000, failure, at: 0 }, false),
    ['  Job/migrate attempt 1/3 failed (BackoffLimitExceeded); retrying in 2.0s']);
  assert.deepEqual(eventLines({ type: 'hook-failure-allowed', hook: ref('warm'), message: 'x', failure, at: 0 }, false),
    ['  Job/warm failure allowed (hookline.dev/hook-allow-failure); the phase goes on']);
  assert.deepEqual(eventLines({ type: 'hook-log', hook: ref('a'), pod: 'a-1', container: 'main', line: 'hello', at: 0 }, true), ['  [a] hello']);
});

test('the live status line counts the other parallel hooks running', () => {
  let out = '';
  const view = new ProgressView({ write: (t) => { out += t; }, tty: true, hookLogs: false });
  const events: TimedEvent[] = [
    { type: 'hook-created', hook: ref('a'), at: 1 }, { type: 'hook-created', hook: ref('b'), at: 2 }, { type: 'hook-created', hook: ref('c'), at: 3 },
  ];
  for (const e of events) view.sink(e);
  assert.match(out, /… Job\/a \(pre-install\) running .* — created \(\+2 more running\)$/);
  out = '';
  view.sink({ type: 'hook-finished', hook: ref('a'), phase: 'Succeeded', elapsedMs: 5, at: 6 });
  assert.match(out, /Job\/a succeeded in 0\.0s\n.*… Job\/b \(pre-install\) running .* \(\+1 more running\)$/s);
  view.stop();
});
