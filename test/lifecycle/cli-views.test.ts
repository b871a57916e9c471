// Differential: Hookline's read commands (status, history, list, get ...) print what helm v4
// prints for the same release records.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { freshNamespace, testClient, testKubeconfig } from '../support/cluster.ts';
import { runCli } from '../support/run-process.ts';
import { lifecycleChartsDir, runHelm, type HelmRun } from '../support/lifecycle-harness.ts';


function hookline(args: string[]): Promise<HelmRun> {
  return runCli('hookline', [...args, '--kubeconfig', testKubeconfig()]);
}

// Ages in resource tables tick between the two runs.
const withoutAges = (text: string) => text.replace(/\b\d+(m\d+)?s\b/g, 'AGE');

describe('read commands print what helm prints', { concurrency: 4 }, () => {
  let namespace = '';
  let failedNamespace = '';
  before(async () => {
    namespace = await freshNamespace(testClient(), 'lc-views');
    failedNamespace = await freshNamespace(testClient(), 'lc-views-failed');
    const chart = join(lifecycleChartsDir, 'lifecycle-hooks');
    for (const args of [['install', 'viewed', chart], ['upgrade', 'viewed', chart, '--set', 'generation=2']]) {
      const run = await runHelm([...args, '-n', namespace, '--timeout', '60s']);
      assert.equal(run.code, 0, run.stderr);
    }
    const installed = await runHelm(['install', 'failed', chart, '-n', failedNamespace, '--timeout', '60s']);
    assert.equal(installed.code, 0, installed.stderr);
    // The changed command of an existing hook Pod is refused with a multi-line message (a diff).
    const failing = await runHelm(['upgrade', 'failed', chart, '--set', 'failHooks=hook-pod-post', '-n', failedNamespace, '--timeout', '60s']);
    assert.notEqual(failing.code, 0);
  });

  test('history of a revision with a multi-line description', async () => {
    const args = ['history', 'failed', '-n', failedNamespace];
    const [helm, ours] = await Promise.all([runHelm(args), hookline(args)]);
    assert.equal(ours.stdout, helm.stdout);
  });

  for (const command of [['status'], ['history'], ['list'], ['get', 'values'], ['get', 'values', '--all'], ['get', 'manifest'], ['get', 'hooks'], ['get', 'notes'], ['get', 'all'], ['get', 'all', '--revision', '1']]) {
    test(command.join(' '), async () => {
      const args = [...command, ...(command[0] === 'list' ? [] : ['viewed']), '-n', namespace];
      const [helm, ours] = await Promise.all([runHelm(args), hookline(args)]);
      assert.equal(ours.code, helm.code, ours.stderr);
      assert.equal(withoutAges(ours.stdout), withoutAges(helm.stdout));
    });
  }
});
