// The timeline built from an action's events: one step per hook, resource change and record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTimeline, renderTimelineText } from '../../src/report/timeline.ts';
import type { HookRef, TimedEvent } from '../../src/release/events.ts';

const hook = (name: string, weight: number): HookRef => ({ name, kind: 'Job', path: `c/templates/${name}.yaml`, weight, event: 'pre-upgrade' });

test('hook steps carry start, duration and result; failures carry the reason', () => {
  const t0 = 1_000_000;
  const events: TimedEvent[] = [
    { type: 'action-started', action: 'upgrade', release: 'my-app', namespace: 'default', revision: 2, at: t0 },
    { type: 'hook-created', hook: hook('migrate', -5), at: t0 + 100 },
    { type: 'hook-finished', hook: hook('migrate', -5), phase: 'Succeeded', elapsedMs: 2000, at: t0 + 2100 },
    { type: 'hook-created', hook: hook('debug-fail', 0), at: t0 + 2200 },
    { type: 'hook-finished', hook: hook('debug-fail', 0), phase: 'Failed', elapsedMs: 3000, at: t0 + 5200,
      failure: { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit', exitCode: 1, logTail: ['boom'], events: [] } },
    { type: 'release-recorded', revision: 2, status: 'failed', description: 'Upgrade "my-app" failed', at: t0 + 5300 },
    { type: 'action-finished', action: 'upgrade', ok: false, revision: 2, status: 'failed', at: t0 + 5400 },
  ];
  const timeline = buildTimeline(events);
  assert.equal(timeline.ok, false);
  assert.equal(timeline.totalMs, 5400);
  assert.deepEqual(timeline.steps.map((s) => [s.label, s.startMs, s.durationMs, s.result]), [
    ['pre-upgrade: Job/migrate', 100, 2000, 'ok'],
    ['pre-upgrade: Job/debug-fail', 2200, 3000, 'failed'],
    ['revision 2 failed', 5300, 0, 'failed'],
  ]);
  assert.match(timeline.steps[1].detail, /BackoffLimitExceeded \(exit 1\)/);
  const text = renderTimelineText(timeline);
  assert.match(text, /upgrade my-app .* FAILED in 5\.4s/);
  assert.match(text, /✗ pre-upgrade: Job\/debug-fail/);
});

test('an action whose events stop before action-finished is not shown as succeeded', () => {
  const t0 = 1_700_000_000_000;
  const timeline = buildTimeline([
    { type: 'action-started', action: 'upgrade', release: 'r', namespace: 'ns', revision: 2, at: t0 },
    { type: 'release-recorded', revision: 2, status: 'pending-upgrade', description: 'Preparing upgrade', at: t0 + 50 },
    { type: 'phase-finished', event: 'pre-upgrade', ok: false, at: t0 + 3000 },
  ]);
  assert.equal(timeline.ok, false);
  assert.match(renderTimelineText(timeline), /— FAILED in 3\.0s/);
});
