// Bad input to the lifecycle: malformed hook annotations (compared with helm v4), a namespace
// that does not exist, an unreachable API server, a hook slower than --timeout, and two
// changes of one release at the same time.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { freePort } from '../../scripts/lesson-services.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actionContext } from '../../src/cli/cluster-options.ts';
import { installRelease } from '../../src/release/install.ts';
import { acquireReleaseLock, ReleaseLockedError } from '../../src/release/lock.ts';
import { freshNamespace, testClient, testKubeconfig } from '../support/cluster.ts';
import { runCli } from '../support/run-process.ts';
import {
  hooklineContent, hooklineContext, hooklineStep, lifecycleChartsDir, releaseRecords, runBoth, runHelm, type HelmRun,
} from '../support/lifecycle-harness.ts';

const isHookName = (name: string) => name.startsWith('hook-');
const hooksChart = join(lifecycleChartsDir, 'lifecycle-hooks');

function hooklineCli(args: string[], kubeconfig = testKubeconfig()): Promise<HelmRun> {
  return runCli('hookline', [...args, '--kubeconfig', kubeconfig]);
}

describe('bad input to the lifecycle', { concurrency: 3 }, () => {
  test('malformed hook annotations: a text or spaced weight counts as 0, an unknown event drops the resource, test-success is test, as helm', async () => {
    const { helm, hookline } = await runBoth({
      chart: 'lifecycle-annotations', release: 'annotations', isHookName,
      steps: [{ action: 'install' }, { action: 'test' }, { action: 'uninstall', keepHistory: true }],
    }, 'lc-annotations');
    assert.deepEqual(helm.hookSequence, [
      'created ConfigMap/hook-weight-minus', 'created ConfigMap/hook-weight-spaced', 'created ConfigMap/hook-weight-text',
      'created ConfigMap/hook-weight-zero', 'created ConfigMap/hook-weight-plus', 'created ConfigMap/hook-legacy-test',
    ]);
    assert.deepEqual(hookline.hookSequence, helm.hookSequence);
    assert.deepEqual(hookline.revisions, helm.revisions);
    assert.deepEqual(hookline.remaining, helm.remaining);
    const [helmRecord] = await releaseRecords(testClient(), helm.namespace, 'annotations');
    const [hooklineRecord] = await releaseRecords(testClient(), hookline.namespace, 'annotations');
    const weights = (hooks: typeof helmRecord.hooks) => (hooks ?? []).map((h) => `${h.name} ${h.weight ?? 0} ${h.events?.join(',')}`);
    assert.ok(weights(helmRecord.hooks).includes('hook-weight-text 0 pre-install'));
    assert.ok(weights(helmRecord.hooks).includes('hook-legacy-test 0 test'));
    assert.deepEqual(weights(hooklineRecord.hooks), weights(helmRecord.hooks));
    const mentions = (text: string | undefined) => ['hook-misspelt', 'hook-half-known'].filter((name) => text?.includes(name));
    assert.deepEqual(mentions(helmRecord.manifest), [], 'helm keeps them neither as hooks nor as resources');
    assert.deepEqual(mentions(hooklineRecord.manifest), []);
  });

  test('a hook that outlives --timeout fails the revision (not pending), as helm', async () => {
    const { helm, hookline } = await runBoth({
      chart: 'lifecycle-hooks', release: 'slow', isHookName, steps: [{ action: 'install', set: ['preSleep=30'], timeout: '3s' }],
    }, 'lc-timeout');
    assert.equal(helm.revisions[0].status, 'failed');
    assert.match(helm.revisions[0].description ?? '', /context deadline exceeded/);
    assert.deepEqual(hookline.outcomes.map((o) => o.ok), [false]);
    assert.deepEqual(hookline.revisions, helm.revisions);
    assert.deepEqual(hookline.hookSequence, helm.hookSequence);
  });

  test('a namespace that does not exist: helm\'s error, and nothing is created', async () => {
    const namespace = `lc-missing-${randomBytes(3).toString('hex')}`;
    const helm = await runHelm(['install', 'nowhere', hooksChart, '-n', namespace]);
    await assert.rejects(hooklineStep(hooklineContext(namespace), { action: 'install' }, 'nowhere', hooksChart), (err: Error) => {
      assert.ok(helm.stderr.includes(err.message), `helm said: ${helm.stderr}\nHookline said: ${err.message}`);
      return true;
    });
    await assert.rejects(testClient().request('GET', `/api/v1/namespaces/${namespace}`), (err: { status?: number }) => err.status === 404);
  });

  test('an unreachable API server: a clear error naming the server, from the library and the CLI', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hookline-unreachable-'));
    try {
      const port = await freePort();
      const kubeconfig = join(dir, 'kubeconfig');
      writeFileSync(kubeconfig, readFileSync(testKubeconfig(), 'utf8').replace(/server: \S+/g, `server: https://127.0.0.1:${port}`));
      const content = await hooklineContent(hooksChart, 'offline', 'default', [], false);
      const ctx = actionContext({ kubeconfig, namespace: 'default' }, []);
      await assert.rejects(installRelease(ctx, content, {
        name: 'offline', noHooks: false, wait: false, waitForJobs: false, timeoutMs: 5000, serverSideApply: true,
        createNamespace: false, replace: false, rollbackOnFailure: false, dryRun: 'none',
      }), (err: Error) => {
        const hints: unknown[] = [];
        for (let e: unknown = err; e instanceof Error; e = e.cause) hints.push((e as { hint?: unknown }).hint);
        return err.message.includes(`"https://127.0.0.1:${port}/`) && err.message.endsWith(`dial tcp 127.0.0.1:${port}: connect: connection refused`)
          && hints.some((h) => typeof h === 'string' && h.includes('hookline local up'));
      });
      // helm's error line, then Hookline's hint.
      const cli = await hooklineCli(['rollback', 'offline', '-n', 'default'], kubeconfig);
      assert.equal(cli.code, 1);
      assert.equal(cli.stderr, `Error: kubernetes cluster unreachable: Get "https://127.0.0.1:${port}/version": dial tcp 127.0.0.1:${port}: connect: connection refused\n`
        + `hint: is the cluster of context "${readFileSync(testKubeconfig(), 'utf8').match(/current-context: (\S+)/)![1]}" running? For the local cluster try 'hookline local up'\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('two upgrades of one release at once (library, with the release lock): one wins, the other is refused, no revision lost', async () => {
    const client = testClient();
    const namespace = await freshNamespace(client, 'lc-concurrent');
    const ctx = hooklineContext(namespace);
    await hooklineStep(ctx, { action: 'install' }, 'busy', hooksChart);
    const upgrade = async (generation: number) => {
      const lock = await acquireReleaseLock(ctx.client, namespace, 'busy', 'upgrade');
      try {
        await hooklineStep(ctx, { action: 'upgrade', set: [`generation=${generation}`] }, 'busy', hooksChart);
      } finally {
        await lock.release();
      }
    };
    const results = await Promise.allSettled([upgrade(2), upgrade(3)]);
    const refused = results.filter((r) => r.status === 'rejected');
    assert.equal(refused.length, 1, JSON.stringify(results));
    const reason = (refused[0] as PromiseRejectedResult).reason as Error;
    assert.ok(reason instanceof ReleaseLockedError);
    assert.match(reason.message, /^release "busy" is locked by another operation \(hookline upgrade pid \d+/);
    const records = await releaseRecords(client, namespace, 'busy');
    assert.deepEqual(records.map((r) => `${r.version} ${r.info.status}`), ['1 superseded', '2 deployed']);
  });

  test('two rollbacks of one release at once (CLI): one wins, the other is refused, no revision lost', async () => {
    const client = testClient();
    const namespace = await freshNamespace(client, 'lc-concurrent-cli');
    const ctx = hooklineContext(namespace);
    await hooklineStep(ctx, { action: 'install' }, 'busy', hooksChart);
    await hooklineStep(ctx, { action: 'upgrade', set: ['generation=2'] }, 'busy', hooksChart);
    const runs = await Promise.all([1, 2].map(() => hooklineCli(['rollback', 'busy', '1', '-n', namespace, '--timeout', '60s'])));
    assert.deepEqual(runs.map((r) => r.code).sort(), [0, 1], runs.map((r) => r.stderr).join('\n'));
    const loser = runs.find((r) => r.code === 1)!;
    assert.match(loser.stderr, /Error: release "busy" is locked by another operation/);
    const records = await releaseRecords(client, namespace, 'busy');
    assert.deepEqual(records.map((r) => `${r.version} ${r.info.status}`), ['1 superseded', '2 superseded', '3 deployed']);
  });
});
