// Differential: --wait and --wait-for-jobs with Deployments whose readiness comes from an
// httpGet probe (a python3 HTTP server) and an exec probe, and a Job resource; and a
// Deployment that never becomes ready within --timeout.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { freePort } from '../../scripts/lesson-services.ts';
import { testClient } from '../support/cluster.ts';
import { dropNamespace, runBoth, type LifecycleResult, type Scenario } from '../support/lifecycle-harness.ts';

const isHookName = (name: string) => name.startsWith('hook-');

function assertSameAsHelm(hookline: LifecycleResult, helm: LifecycleResult): void {
  assert.deepEqual(hookline.outcomes.map((o) => o.ok), helm.outcomes.map((o) => o.ok), 'which steps failed');
  assert.deepEqual(hookline.hookSequence, helm.hookSequence, 'hook objects created and deleted, in order');
  assert.deepEqual(hookline.revisions, helm.revisions, 'revisions: status, description, hooks\' last runs');
  assert.deepEqual(hookline.remaining, helm.remaining, 'objects left in the namespace');
}

/** Runs the scenario with both tools, then deletes both namespaces: their servers run as host processes. */
async function runAndClean(scenario: Scenario) {
  const result = await runBoth(scenario, 'lc-wait');
  const client = testClient();
  await Promise.all([dropNamespace(client, result.helm.namespace), dropNamespace(client, result.hookline.namespace)]);
  return result;
}

// Ports for the HTTP servers the Deployments run on the host, one per run, unused when asked for.
const port = async () => [`port=${await freePort()}`];

describe('--wait and --wait-for-jobs as helm', { concurrency: 2 }, () => {
  test('install and upgrade --wait --wait-for-jobs succeed once probes pass and the Job completes', async () => {
    const { helm, hookline } = await runAndClean({
      chart: 'lifecycle-wait', release: 'wait-ok', isHookName, toolSet: { helm: await port(), hookline: await port() },
      steps: [{ action: 'install', wait: true, waitForJobs: true }, { action: 'upgrade', wait: true, waitForJobs: true }, { action: 'uninstall', wait: true, keepHistory: true }],
    });
    assert.deepEqual(helm.outcomes.map((o) => o.ok), [true, true, true], JSON.stringify(helm.outcomes));
    assertSameAsHelm(hookline, helm);
  });

  test('a Deployment that never becomes ready fails install --wait at the timeout, post-install hooks not run', async () => {
    const { helm, hookline } = await runAndClean({
      chart: 'lifecycle-wait', release: 'wait-bad', isHookName, toolSet: { helm: await port(), hookline: await port() },
      steps: [{ action: 'install', wait: true, timeout: '6s', set: ['probePort=1'] }],
    });
    assert.equal(helm.outcomes[0].ok, false);
    assert.equal(helm.revisions[0].status, 'failed');
    assert.deepEqual(hookline.outcomes.map((o) => o.ok), [false]);
    assert.deepEqual(hookline.hookSequence, helm.hookSequence);
    assert.deepEqual(hookline.remaining, helm.remaining);
    assert.equal(hookline.revisions[0].status, 'failed');
    assert.deepEqual(hookline.revisions[0].hooks, helm.revisions[0].hooks);
    assert.equal(hookline.revisions[0].description, helm.revisions[0].description);
  });
});
