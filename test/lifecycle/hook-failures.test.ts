// Differential: a failing pre- or post- hook in each action, --no-hooks and
// --rollback-on-failure, run with helm v4 and with Hookline side by side. Where Hookline
// differs on purpose (src/release/rollback.ts, uninstall.ts) the test asserts Hookline's
// documented behaviour and states helm's.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runBoth, type LifecycleResult, type Step } from '../support/lifecycle-harness.ts';

const isHookName = (name: string) => name.startsWith('hook-');
const failing = (...hooks: string[]) => [`failHooks=${hooks.join(' ')}`];

function assertSameAsHelm(hookline: LifecycleResult, helm: LifecycleResult): void {
  assert.deepEqual(hookline.outcomes.map((o) => o.ok), helm.outcomes.map((o) => o.ok), 'which steps failed');
  assert.deepEqual(hookline.hookSequence, helm.hookSequence, 'hook objects created and deleted, in order');
  assert.deepEqual(hookline.revisions, helm.revisions, 'revisions: status, description, hooks\' last runs');
  assert.deepEqual(hookline.remaining, helm.remaining, 'objects left in the namespace');
}

function assertSameExceptRevisions(hookline: LifecycleResult, helm: LifecycleResult): void {
  assertSameAsHelm({ ...hookline, revisions: [] }, { ...helm, revisions: [] });
}

/**
 * Helm never writes the revision again after the failed hook, so its record says "Running";
 * Hookline records the failure. Every other hook's last run is the same.
 */
function assertHookRecordedFailed(hooklineHooks: string[], helmHooks: string[], failed: string): void {
  assert.ok(helmHooks.includes(`${failed}: Running`), `helm's record: ${helmHooks.join(', ')}`);
  assert.deepEqual(hooklineHooks, helmHooks.map((h) => (h === `${failed}: Running` ? `${failed}: Failed` : h)));
}

async function compare(release: string, steps: Step[]) {
  const result = await runBoth({ chart: 'lifecycle-hooks', release, isHookName, steps }, `lc-${release}`);
  assert.ok(result.helm.outcomes.some((o) => !o.ok) || steps.some((s) => s.noHooks), `the scenario makes helm fail a step: ${JSON.stringify(result.helm.outcomes)}`);
  return result;
}

describe('failing hooks end each action as helm does', { concurrency: 3 }, () => {
  test('pre-install hook fails', async () => {
    const { helm, hookline } = await compare('f-pre-install', [{ action: 'install', set: failing('hook-job-pre') }]);
    assertSameAsHelm(hookline, helm);
  });

  test('post-install hook fails', async () => {
    const { helm, hookline } = await compare('f-post-install', [{ action: 'install', set: failing('hook-pod-post') }]);
    assertSameAsHelm(hookline, helm);
  });

  test('pre-upgrade hook fails; the next upgrade fails too, applying to the failed Job kept without before-hook-creation', async () => {
    const { helm, hookline } = await compare('f-pre-upgrade', [
      { action: 'install' }, { action: 'upgrade', set: failing('hook-job-pre') }, { action: 'upgrade', set: ['generation=3'] },
    ]);
    assertSameAsHelm(hookline, helm);
  });

  test('post-upgrade hook fails', async () => {
    const { helm, hookline } = await compare('f-post-upgrade', [{ action: 'install' }, { action: 'upgrade', set: failing('hook-pod-post') }]);
    assertSameAsHelm(hookline, helm);
  });

  test('pre-rollback hook fails (helm leaves the new revision pending-rollback; Hookline records it failed)', async () => {
    const { helm, hookline } = await compare('f-pre-rollback', [
      { action: 'install', set: failing('hook-job-pre-rollback') }, { action: 'upgrade', set: ['generation=2'] }, { action: 'rollback', revision: 1 },
    ]);
    assert.equal(helm.revisions[2].status, 'pending-rollback');
    assert.equal(hookline.revisions[2].status, 'failed');
    assert.match(hookline.revisions[2].description ?? '', /^Rollback "f-pre-rollback" failed: pre-rollback hooks failed: .*hook-job-pre-rollback/);
    assertHookRecordedFailed(hookline.revisions[2].hooks, helm.revisions[2].hooks, 'hook-job-pre-rollback');
    assert.deepEqual(hookline.revisions.slice(0, 2), helm.revisions.slice(0, 2));
    assertSameExceptRevisions(hookline, helm);
  });

  test('post-rollback hook fails (helm leaves the new revision pending-rollback; Hookline records it failed)', async () => {
    const { helm, hookline } = await compare('f-post-rollback', [
      { action: 'install', set: failing('hook-pod-post-rollback') }, { action: 'upgrade', set: ['generation=2'] }, { action: 'rollback', revision: 1 },
    ]);
    assert.equal(helm.revisions[2].status, 'pending-rollback');
    assert.equal(hookline.revisions[2].status, 'failed');
    assert.match(hookline.revisions[2].description ?? '', /^Rollback "f-post-rollback" failed: post-rollback hooks failed: .*hook-pod-post-rollback/);
    assertHookRecordedFailed(hookline.revisions[2].hooks, helm.revisions[2].hooks, 'hook-pod-post-rollback');
    assert.deepEqual(hookline.revisions.slice(0, 2), helm.revisions.slice(0, 2));
    assertSameExceptRevisions(hookline, helm);
  });

  test('pre-delete hook fails (helm leaves the release uninstalling; Hookline restores deployed)', async () => {
    const { helm, hookline } = await compare('f-pre-delete', [{ action: 'install', set: failing('hook-job-pre-delete') }, { action: 'uninstall' }]);
    assert.equal(helm.revisions[0].status, 'uninstalling');
    assert.equal(hookline.revisions[0].status, 'deployed');
    assert.match(hookline.revisions[0].description ?? '', /^Uninstall "f-pre-delete" failed: pre-delete hooks failed: .*hook-job-pre-delete/);
    assertHookRecordedFailed(hookline.revisions[0].hooks, helm.revisions[0].hooks, 'hook-job-pre-delete');
    assertSameExceptRevisions(hookline, helm);
  });

  test('post-delete hook fails', async () => {
    const { helm, hookline } = await compare('f-post-delete', [{ action: 'install', set: failing('hook-pod-post-delete') }, { action: 'uninstall', keepHistory: true }]);
    assertSameAsHelm(hookline, helm);
  });

  test('a failing test and a passing test', async () => {
    const { helm, hookline } = await compare('f-test', [{ action: 'install', set: failing('hook-test-fail') }, { action: 'test' }]);
    assertSameAsHelm(hookline, helm);
  });

  test('--no-hooks in every action runs no hook', async () => {
    const { helm, hookline } = await compare('no-hooks', [
      { action: 'install', noHooks: true }, { action: 'upgrade', noHooks: true, set: ['generation=2'] },
      { action: 'rollback', noHooks: true }, { action: 'uninstall', noHooks: true, keepHistory: true },
    ]);
    assert.deepEqual(helm.hookSequence, []);
    assertSameAsHelm(hookline, helm);
  });

  test('--rollback-on-failure uninstalls a failed install', async () => {
    const { helm, hookline } = await compare('rof-install', [{ action: 'install', set: failing('hook-pod-post'), rollbackOnFailure: true }]);
    assertSameAsHelm(hookline, helm);
  });

  test('--rollback-on-failure rolls a failed upgrade back', async () => {
    const { helm, hookline } = await compare('rof-upgrade', [
      { action: 'install' }, { action: 'upgrade', set: failing('hook-job-pre'), rollbackOnFailure: true },
    ]);
    assertSameAsHelm(hookline, helm);
  });
});
