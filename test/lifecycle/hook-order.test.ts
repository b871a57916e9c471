// Differential: every hook event, weight and name order, delete policies and hook kinds on a
// release that succeeds at every step, run with helm v4 and with Hookline side by side.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runBoth, type Scenario } from '../support/lifecycle-harness.ts';

const isHookName = (name: string) => name.startsWith('hook-');

describe('a successful lifecycle runs the same hooks in the same order as helm', () => {
  test('install, upgrade, rollback, test, uninstall --keep-history', async () => {
    const scenario: Scenario = {
      chart: 'lifecycle-hooks', release: 'order', isHookName, steps: [
        { action: 'install' },
        { action: 'upgrade', set: ['generation=2'] },
        { action: 'rollback', revision: 1 },
        { action: 'test' },
        { action: 'uninstall', keepHistory: true },
      ],
    };
    const { helm, hookline } = await runBoth(scenario, 'lc-order');
    // The scenario exercises what it claims: ties run in name order, every event ran.
    assert.ok(helm.hookSequence.indexOf('created ConfigMap/hook-cm-tie-a') < helm.hookSequence.indexOf('created ConfigMap/hook-cm-tie-b'));
    for (const hook of ['hook-job-pre', 'hook-pod-post', 'hook-job-pre-rollback', 'hook-pod-post-rollback', 'hook-test-ok', 'hook-job-pre-delete', 'hook-pod-post-delete']) {
      assert.ok(helm.hookSequence.some((line) => line.endsWith(`/${hook}`)), `helm ran ${hook}`);
    }
    assert.deepEqual(hookline.outcomes.map((o) => o.ok), helm.outcomes.map((o) => o.ok));
    assert.deepEqual(hookline.hookSequence, helm.hookSequence);
    assert.deepEqual(hookline.revisions, helm.revisions);
    assert.deepEqual(hookline.remaining, helm.remaining);
  });
});
