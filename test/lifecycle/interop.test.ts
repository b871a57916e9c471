// Interoperability with helm v4 on one release: a release installed by helm is upgraded,
// rolled back and uninstalled by Hookline, and one installed by Hookline is carried on by
// helm; both tools read each other's history.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshNamespace, testClient, testKubeconfig } from '../support/cluster.ts';
import { hooklineContext, hooklineStep, lifecycleChartsDir, releaseRecords, runHelm, type HelmRun } from '../support/lifecycle-harness.ts';

const chart = join(lifecycleChartsDir, 'lifecycle-hooks');
const hooklineBin = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'hookline.js');

function hookline(args: string[]): Promise<HelmRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [hooklineBin, ...args, '--kubeconfig', testKubeconfig()], { env: { ...process.env, TZ: 'UTC' } },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });
}

function ok(run: HelmRun, what: string): HelmRun {
  assert.equal(run.code, 0, `${what} failed: ${run.stderr}`);
  return run;
}

interface HistoryRow { revision: number; status: string; description: string; chart: string }

async function helmHistory(release: string, namespace: string): Promise<Array<Pick<HistoryRow, 'revision' | 'status' | 'description'>>> {
  const run = ok(await runHelm(['history', release, '-n', namespace, '-o', 'json']), 'helm history');
  return (JSON.parse(run.stdout) as HistoryRow[]).map(({ revision, status, description }) => ({ revision, status, description }));
}

describe('helm and Hookline take turns on one release', { concurrency: 2 }, () => {
  test('installed by helm; upgraded, rolled back and uninstalled by Hookline', async () => {
    const client = testClient();
    const ns = await freshNamespace(client, 'lc-interop-h');
    ok(await runHelm(['install', 'shared', chart, '-n', ns, '--timeout', '60s']), 'helm install');
    await hooklineStep(hooklineContext(ns), { action: 'upgrade', set: ['generation=2'] }, 'shared', chart);
    ok(await hookline(['rollback', 'shared', '1', '-n', ns, '--timeout', '60s']), 'hookline rollback');
    assert.deepEqual(await helmHistory('shared', ns), [
      { revision: 1, status: 'superseded', description: 'Install complete' },
      { revision: 2, status: 'superseded', description: 'Upgrade complete' },
      { revision: 3, status: 'deployed', description: 'Rollback to 1' },
    ]);
    // Both tools print the same history from the same records.
    const helmJson = JSON.parse(ok(await runHelm(['history', 'shared', '-n', ns, '-o', 'json']), 'helm history').stdout);
    const hooklineJson = JSON.parse(ok(await hookline(['history', 'shared', '-n', ns, '-o', 'json']), 'hookline history').stdout);
    assert.deepEqual(hooklineJson, helmJson);
    // helm carries on from Hookline's records.
    ok(await runHelm(['upgrade', 'shared', chart, '-n', ns, '--set', 'generation=4', '--timeout', '60s']), 'helm upgrade after Hookline');
    ok(await hookline(['uninstall', 'shared', '-n', ns, '--keep-history', '--timeout', '60s']), 'hookline uninstall --keep-history');
    assert.deepEqual((await helmHistory('shared', ns)).map((r) => r.status), ['superseded', 'superseded', 'superseded', 'uninstalled']);
    ok(await hookline(['uninstall', 'shared', '-n', ns]), 'hookline uninstall of an uninstalled release purges it');
    const gone = await runHelm(['history', 'shared', '-n', ns]);
    assert.notEqual(gone.code, 0);
    assert.match(gone.stderr, /release: not found/);
  });

  test('installed by Hookline; upgraded, rolled back, tested and uninstalled by helm', async () => {
    const client = testClient();
    const ns = await freshNamespace(client, 'lc-interop-k');
    const ctx = hooklineContext(ns);
    await hooklineStep(ctx, { action: 'install' }, 'shared', chart);
    ok(await runHelm(['upgrade', 'shared', chart, '-n', ns, '--set', 'generation=2', '--timeout', '60s']), 'helm upgrade');
    ok(await runHelm(['rollback', 'shared', '1', '-n', ns, '--timeout', '60s']), 'helm rollback');
    await hooklineStep(ctx, { action: 'upgrade', set: ['generation=5'] }, 'shared', chart);
    ok(await runHelm(['test', 'shared', '-n', ns, '--timeout', '60s']), 'helm test of a Hookline revision');
    assert.deepEqual(await helmHistory('shared', ns), [
      { revision: 1, status: 'superseded', description: 'Install complete' },
      { revision: 2, status: 'superseded', description: 'Upgrade complete' },
      { revision: 3, status: 'superseded', description: 'Rollback to 1' },
      { revision: 4, status: 'deployed', description: 'Upgrade complete' },
    ]);
    const resource = await client.request<{ data: Record<string, string> }>('GET', `/api/v1/namespaces/${ns}/configmaps/res-config`);
    assert.equal(resource.data.generation, '5');
    ok(await runHelm(['uninstall', 'shared', '-n', ns, '--timeout', '60s']), 'helm uninstall');
    assert.deepEqual(await releaseRecords(client, ns, 'shared'), []);
    const left = await client.request<{ items: Array<{ metadata: { name: string } }> }>('GET', `/api/v1/namespaces/${ns}/configmaps`);
    assert.deepEqual(left.items.map((c) => c.metadata.name).sort(), ['hook-cm-early', 'hook-cm-tie-a', 'kube-root-ca.crt', 'res-kept']);
  });
});
