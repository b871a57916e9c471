// The kube-apiserver restarted in the middle of an action, on a private local cluster this file
// starts for itself (never the shared one): while a hook runs and while resources are applied.
// The client retries the calls safe to repeat until the server is back, so the action finishes;
// the next action succeeds with no manual step and helm 4 and Hookline read the same whole history.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { KubeClient } from '../../src/kube/client.ts';
import { loadKubeConfig } from '../../src/kube/config.ts';
import { hookStatus } from '../../src/release/hook-status.ts';
import { stateLayout } from '../../src/local/layout.ts';
import { isRunning, startDetached } from '../../src/local/processes.ts';
import { startLocalCluster, type LocalCluster } from '../../src/local/start.ts';
import { readState, writeState } from '../../src/local/state.ts';
import { stopLocalCluster } from '../../src/local/stop.ts';
import { freshNamespace } from '../support/cluster.ts';
import { runHelm } from '../support/lifecycle-harness.ts';
import { Gates, gatedChart, startHookline, type Running } from './running.ts';

const stateDir = mkdtempSync(join(tmpdir(), 'hookline-private-cluster-'));
const gates = new Gates();
let cluster: LocalCluster;
let client: KubeClient;

before(async () => {
  cluster = await startLocalCluster({ stateDir, timeoutMs: 180_000 });
  client = new KubeClient(loadKubeConfig({ kubeconfig: cluster.kubeconfigPath }));
}, { timeout: 240_000 });
after(async () => {
  await stopLocalCluster({ stateDir, purge: true });
  gates.remove();
});

/** Kills the private cluster's kube-apiserver (-9); the function returned starts it again as it was. */
async function stopApiServer(): Promise<() => Promise<void>> {
  const layout = stateLayout(stateDir);
  const state = readState(layout)!;
  const old = state.processes['kube-apiserver']!;
  const argv = readFileSync(`/proc/${old.pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  process.kill(old.pid, 'SIGKILL');
  while (isRunning(old)) await sleep(50);
  return async () => {
    state.processes['kube-apiserver'] = startDetached(argv[0], argv.slice(1), old.logFile);
    writeState(layout, state); // so that `local down` stops the new process
    // Bounded, so a server that never comes back fails this test with its log instead of hanging the run.
    const deadline = Date.now() + 120_000;
    let lastError = '';
    while (Date.now() < deadline) {
      try {
        await client.request('GET', '/readyz');
        return;
      } catch (err) {
        lastError = (err as Error).message;
        await sleep(200);
      }
    }
    const log = readFileSync(old.logFile, 'utf8').split('\n').slice(-30).join('\n');
    throw new Error(`the restarted kube-apiserver was not ready within 120 s (last answer: ${lastError}); the end of its log:\n${log}`);
  };
}

/** Kills the kube-apiserver, leaves it down a moment, starts it again. */
async function restartApiServer(): Promise<void> {
  const start = await stopApiServer();
  await sleep(2000);
  await start();
}

function hookline(namespace: string, args: string[], env: Record<string, string> = {}): Running {
  return startHookline(namespace, args, env, cluster.kubeconfigPath);
}

/**
 * Waits until the job controller has counted the Job's pod as succeeded. The controller manager's
 * informers lag for a moment after the API server is back; a Job deleted and created again under the
 * same name (before-hook-creation) before the job controller saw the old Job's pod leaves the new Job
 * waiting out the controller's five-minute expectations, with no pod. Helm meets the same race.
 */
async function waitForJobComplete(namespace: string, name: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  let status: unknown;
  while (Date.now() < deadline) {
    const job = await client.request('GET', `/apis/batch/v1/namespaces/${namespace}/jobs/${name}`);
    status = job.status;
    if (hookStatus(job).state === 'Current') return;
    await sleep(200);
  }
  throw new Error(`Job ${namespace}/${name} did not complete within 120 s; its status: ${JSON.stringify(status)}`);
}

async function history(namespace: string, release: string): Promise<string[]> {
  const [helm, mine] = [await runHelm(['history', release, '-n', namespace, '-o', 'json'], cluster.kubeconfigPath), await hookline(namespace, ['history', release, '-o', 'json']).done];
  assert.equal(helm.code, 0, helm.stderr);
  const revisions = (json: string) => (JSON.parse(json) as Array<{ revision: number; status: string }>).map((r) => `${r.revision}:${r.status}`);
  assert.deepEqual(revisions(mine.stdout), revisions(helm.stdout), 'helm and Hookline read the same history');
  return revisions(helm.stdout);
}

const cases: Array<{ name: string; set: string[]; restartAt: (e: { type: string; hook?: { event: string } }) => boolean }> = [
  { name: 'while a pre-upgrade hook runs', set: ['--set', `gate=${gates.path('hook')}`], restartAt: (e) => e.type === 'hook-created' && e.hook?.event === 'pre-upgrade' },
  { name: 'while resources are applied', set: ['--set', 'extraConfigMaps=60'], restartAt: (e) => e.type === 'resources-applying' },
];

describe('kube-apiserver restarted mid-action (private cluster)', () => {
  for (const c of cases) {
    test(c.name, async (t) => {
      const namespace = await freshNamespace(client, 'apiserver-restart');
      const installed = await hookline(namespace, ['install', 'svc', gatedChart, '--no-hooks']).done;
      assert.equal(installed.code, 0, installed.stderr);
      const upgrade = hookline(namespace, ['upgrade', 'svc', gatedChart, '--set', 'generation=2', ...c.set, '-o', 'json']);
      await upgrade.waitForEvent(c.restartAt, 'the step where the API server goes away');
      const killedAt = Date.now();
      await restartApiServer();
      const backAt = Date.now();
      gates.open('hook');
      const result = await upgrade.done;
      const finishedAt = Date.now();
      assert.equal(result.code, 0, `the upgrade outlives the restart:\n${result.stderr}`);
      assert.ok(upgrade.events.some((e) => e.type === 'action-finished' && e.ok && e.revision === 2), 'revision 2 finished');
      const next = await hookline(namespace, ['upgrade', 'svc', gatedChart, '--set', 'generation=3']).done;
      assert.equal(next.code, 0, `the next upgrade succeeds with no manual step:\n${next.stderr}`);
      const revisions = await history(namespace, 'svc');
      assert.deepEqual(revisions, ['1:superseded', '2:superseded', '3:deployed']);
      const seconds = (ms: number) => (ms / 1000).toFixed(1);
      t.diagnostic(`${c.name}: API server away ${seconds(backAt - killedAt)} s; upgrade finished ${seconds(finishedAt - backAt)} s after it was back; history ${revisions.join(' ')}`);
    });
  }

  test('a server away longer than the retry window: a clear error naming it, and a recoverable release', async (t) => {
    const namespace = await freshNamespace(client, 'apiserver-gone');
    const installed = await hookline(namespace, ['install', 'svc', gatedChart, '--no-hooks']).done;
    assert.equal(installed.code, 0, installed.stderr);
    const upgrade = hookline(namespace, ['upgrade', 'svc', gatedChart, '--set', 'generation=2', '--set', `gate=${gates.path('gone')}`, '-o', 'json'],
      { HOOKLINE_KUBE_RETRY_SECONDS: '3' });
    await upgrade.waitForEvent((e) => e.type === 'hook-created' && e.hook?.event === 'pre-upgrade', 'the pre-upgrade hook');
    const start = await stopApiServer();
    const result = await upgrade.done;
    await start();
    assert.equal(result.code, 1, 'the upgrade gives up while the server is away');
    const server = loadKubeConfig({ kubeconfig: cluster.kubeconfigPath }).server;
    assert.match(result.stderr, new RegExp(`^Error: UPGRADE FAILED: .*Kubernetes API server ${server.replaceAll('.', '\\.')} unreachable: (connection refused|socket hang up|read ECONNRESET)`, 'm'));
    gates.open('gone');
    await waitForJobComplete(namespace, 'svc-pre-upgrade');
    const next = await hookline(namespace, ['upgrade', 'svc', gatedChart, '--set', 'generation=3']).done;
    assert.equal(next.code, 0, `the next upgrade succeeds with no manual step:\n${next.stderr}`);
    const revisions = await history(namespace, 'svc');
    assert.deepEqual(revisions, ['1:superseded', '2:failed', '3:deployed']);
    t.diagnostic(`gave up: ${/^Error: (.*)$/m.exec(result.stderr)?.[1]}; history ${revisions.join(' ')}`);
  });
});
