// Hook logs kept with the revision on real Jobs: the end of each container's output, capped,
// secret values masked, in a Secret beside Helm's record that helm ignores, removed with the
// revision (history-max pruning, uninstall), and shown by `hookline get hook-logs`.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readKeptHookLogs, keptLogsName } from '../../src/release/hook-kept-logs.ts';
import { installRelease } from '../../src/release/install.ts';
import { uninstallRelease } from '../../src/release/uninstall.ts';
import { upgradeRelease } from '../../src/release/upgrade.ts';
import { runHelm } from '../support/lifecycle-harness.ts';
import { freshCluster, hookContent, hooklineCli as hookline, type Cluster, type TestHook } from './support.ts';

const clusters: Cluster[] = [];
after(() => Promise.all(clusters.map((c) => c.drop())));

async function cluster(prefix: string, maxHistory = 0): Promise<Cluster> {
  const c = await freshCluster(prefix, maxHistory);
  clusters.push(c);
  return c;
}

const token = 's3cr3t-token-value';
const hooks: TestHook[] = [
  { name: 'talker', script: 'for i in $(seq 1 200); do echo "line $i of a long output"; done; echo last line', annotations: { 'hookline.dev/hook-log-kib': '1' } },
  { name: 'reader', events: 'post-install,post-upgrade', secretEnv: 'app-token', script: 'echo "token is $TOKEN"; echo done', deletePolicy: 'hook-succeeded' },
];
const secret = { name: 'app-token', token };
const common = { noHooks: false, wait: false, waitForJobs: false, timeoutMs: 60_000, serverSideApply: true };

async function gone(probe: () => Promise<unknown>): Promise<boolean> {
  // The garbage collector removes dependents asynchronously.
  for (let i = 0; i < 300; i++) {
    if ((await probe()) === undefined) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

describe('hook logs kept with the revision', { concurrency: 2 }, () => {
  test('keeps the end of each hook container\'s output, capped and with secret values masked; helm still reads the release', async () => {
    const { ctx, namespace } = await cluster('hc-logs');
    await installRelease(ctx, await hookContent(ctx, 'logs', hooks, 1, { secret }), { ...common, name: 'logs', createNamespace: false, replace: false, rollbackOnFailure: false, dryRun: 'none' });
    const kept = await readKeptHookLogs(ctx.client, namespace, 'logs', 1);
    assert.ok(kept, 'a kept-logs Secret for revision 1');
    assert.deepEqual(kept.hooks.map((h) => `${h.event} ${h.name} ${h.phase}`), ['pre-install talker Succeeded', 'post-install reader Succeeded']);
    const [talker] = kept.hooks[0].containers;
    assert.equal(talker.container, 'main');
    assert.equal(talker.truncated, true);
    assert.ok(Buffer.byteLength(talker.log) <= 1024, `capped at 1 KiB: ${Buffer.byteLength(talker.log)} bytes`);
    assert.match(talker.log, /^line \d+ of a long output\n/, 'cut at a line start');
    assert.match(talker.log, /line 200 of a long output\nlast line\n$/);
    const [reader] = kept.hooks[1].containers;
    assert.equal(reader.log, 'token is ****\ndone\n');
    assert.equal(reader.truncated, false);

    const history = await runHelm(['history', 'logs', '-n', namespace, '-o', 'json']);
    assert.equal(history.code, 0, history.stderr);
    assert.deepEqual((JSON.parse(history.stdout) as Array<{ revision: number; status: string }>).map((r) => `${r.revision} ${r.status}`), ['1 deployed']);

    const shown = await hookline(['get', 'hook-logs', 'logs', '-n', namespace]);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /^==> pre-install Job\/talker \(weight 0\): Succeeded, finished .*\n--- pod talker-\w+, container main \(earlier output cut; only the end is kept\)\n/);
    assert.match(shown.stdout, /==> post-install Job\/reader \(weight 0\): Succeeded, finished .*\n--- pod reader-\w+, container main\ntoken is \*\*\*\*\ndone\n$/);
    assert.equal(shown.stdout.includes(token), false);
    const missing = await hookline(['get', 'hook-logs', 'logs', '-n', namespace, '--revision', '7']);
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr, 'Error: no hook logs kept for release "logs" revision 7: its hooks were not Jobs or Pods, did not run, or ran with --no-hooks\n');
  });

  test('kept logs go with their revision: history-max pruning and uninstall remove them', async () => {
    const { ctx, namespace } = await cluster('hc-logs-prune', 2);
    const quick: TestHook[] = [{ name: 'say', script: 'echo revision work', deletePolicy: 'hook-succeeded', events: 'pre-install,pre-upgrade' }];
    await installRelease(ctx, await hookContent(ctx, 'pruned', quick, 1), { ...common, name: 'pruned', createNamespace: false, replace: false, rollbackOnFailure: false, dryRun: 'none' });
    const upgradeOptions = { ...common, name: 'pruned', rollbackOnFailure: false, cleanupOnFail: false, forceReplace: false, forceConflicts: false, dryRun: false };
    await upgradeRelease(ctx, await hookContent(ctx, 'pruned', quick, 2), upgradeOptions);
    assert.ok(await readKeptHookLogs(ctx.client, namespace, 'pruned', 1));
    await upgradeRelease(ctx, await hookContent(ctx, 'pruned', quick, 3), upgradeOptions);
    assert.deepEqual((await ctx.storage.history('pruned')).map((r) => r.version), [2, 3]);
    assert.equal(await gone(() => readKeptHookLogs(ctx.client, namespace, 'pruned', 1)), true, `${keptLogsName('pruned', 1)} removed with revision 1`);
    assert.equal((await readKeptHookLogs(ctx.client, namespace, 'pruned', 3))?.hooks[0].containers[0].log, 'revision work\n');
    await uninstallRelease(ctx, { name: 'pruned', noHooks: false, keepHistory: false, cascade: 'background', wait: false, timeoutMs: 60_000 });
    for (const revision of [2, 3]) assert.equal(await gone(() => readKeptHookLogs(ctx.client, namespace, 'pruned', revision)), true, `revision ${revision}'s logs removed by uninstall`);
  });
});
