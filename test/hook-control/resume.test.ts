// --resume on the test cluster: an install whose process is killed while a hook runs is continued
// from its revision — the hook that succeeded is not run again, the one still running is waited
// for (not re-created), the rest runs — after the lock recovery marked it failed as interrupted.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Gates, startHookline } from '../faults/running.ts';
import { testKubeconfig } from '../support/cluster.ts';
import { freshCluster, hookControlChart, hooklineBin as bin, hooklineCli as hookline, jobExists, type Cluster, type TestHook } from './support.ts';

const scratch = mkdtempSync(join(tmpdir(), 'hook-resume-'));
const clusters: Cluster[] = [];
const gates = new Gates();
after(async () => {
  rmSync(scratch, { recursive: true, force: true });
  gates.remove();
  await Promise.all(clusters.map((c) => c.drop()));
});


/** Runs a hookline command and kills it (SIGKILL) as soon as the named hook Job exists. */
async function killWhileRunning(c: Cluster, args: string[], job: string): Promise<void> {
  const child = spawn(process.execPath, [bin, ...args, '--kubeconfig', testKubeconfig()], { stdio: 'ignore' });
  let exited = false;
  const died = new Promise((resolve) => child.on('exit', (code) => { exited = true; resolve(code); }));
  while (!(await jobExists(c.ctx, job))) {
    if (exited) throw new Error(`hookline ${args.join(' ')} ended before hook ${job} was created`);
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  await died;
}

/** The dead process's lock expires unrenewed; age it instead of waiting 30 s. */
async function ageLock(c: Cluster, release: string): Promise<void> {
  await c.ctx.client.request('PATCH', `/apis/coordination.k8s.io/v1/namespaces/${c.namespace}/leases/hookline-release-${release}`,
    { body: { spec: { renewTime: '2020-01-01T00:00:00.000000Z' } }, contentType: 'application/merge-patch+json' });
}

function valuesFile(name: string, values: Record<string, unknown>): string {
  const file = join(scratch, `${name}.json`);
  writeFileSync(file, JSON.stringify(values));
  return file;
}

const hooks: TestHook[] = [
  { name: 'quick', script: 'echo quick done' },
  // Runs until the test opens its gate, so it is still running when the resumed install looks.
  { name: 'slow', weight: 1, script: `until [ -f ${gates.path('slow')} ]; do sleep 0.1; done; echo slow done` },
  { name: 'after-install', events: 'post-install', script: 'echo post' },
];

test('an install killed while a hook runs is resumed: done hooks skipped, the running one waited for, the rest run', async () => {
  const cluster = await freshCluster('hc-resume');
  clusters.push(cluster);
  const { ctx, namespace } = cluster;
  await killWhileRunning(cluster, ['install', 'app', hookControlChart, '-n', namespace, '-f', valuesFile('install', { hooks })], 'slow');

  const [left] = await ctx.storage.history('app');
  assert.equal(left.info.status, 'pending-install');
  assert.deepEqual(left.hooks?.map((h) => `${h.name}: ${h.last_run.phase}`), ['quick: Succeeded', 'slow: Running', 'after-install: ']);
  const planned = await hookline(['plan', 'resume', 'app', '-n', namespace]);
  assert.equal(planned.code, 0, planned.stderr);
  assert.equal(planned.stdout, [
    'Resume: install app (revision 1, now pending-install)',
    '1. pre-install hooks: partly done — hooks that succeeded are skipped, a running one is waited for, the rest run',
    '2. resources: to run — runs', '3. post-install hooks: to run — runs', '4. record revision 1 as deployed: to run — runs', '',
  ].join('\n'));

  await ageLock(cluster, 'app');
  const slowUid = (await ctx.client.request<{ metadata: { uid: string } }>('GET', `/apis/batch/v1/namespaces/${namespace}/jobs/slow`)).metadata.uid;

  const resuming = startHookline(namespace, ['install', 'app', '--resume', '-o', 'json']);
  await resuming.waitForEvent((e) => e.type === 'hook-progress' && e.hook.name === 'slow' && e.detail.includes('still running'), 'the resumed install waiting for hook slow');
  gates.open('slow');
  const resumed = await resuming.done;
  assert.equal(resumed.code, 0, resumed.stderr);
  const events = resumed.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; hook?: { name: string }; detail?: string });
  const hookLines = events.filter((e) => e.hook && e.type !== 'hook-log' && e.type !== 'hook-progress' || e.detail?.includes('interrupt'))
    .map((e) => `${e.type} ${e.hook?.name}${e.detail ? `: ${e.detail}` : ''}`);
  assert.deepEqual(hookLines, [
    'hook-progress quick: succeeded before the interruption: not run again',
    'hook-progress slow: still running from the interrupted action: waiting for it',
    'hook-finished slow', 'hook-created after-install', 'hook-finished after-install',
  ]);
  const slowAfter = await ctx.client.request<{ metadata: { uid: string } }>('GET', `/apis/batch/v1/namespaces/${namespace}/jobs/slow`);
  assert.equal(slowAfter.metadata.uid, slowUid, 'the running hook was waited for, not re-created');
  const [done] = await ctx.storage.history('app');
  assert.equal(done.info.status, 'deployed');
  assert.equal(done.info.description, 'Install complete (resumed after an interruption)');
  assert.deepEqual(done.hooks?.map((h) => `${h.name}: ${h.last_run.phase}`), ['quick: Succeeded', 'slow: Succeeded', 'after-install: Succeeded']);
  assert.ok(await ctx.client.request('GET', `/api/v1/namespaces/${namespace}/configmaps/plain-resource`));

  const again = await hookline(['install', 'app', '--resume', '-n', namespace]);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /nothing to resume for "app": revision 1 is deployed \(Install complete \(resumed after an interruption\)\)/);
});

test('an upgrade killed in its pre-upgrade hook is resumed: the new revision deployed, the previous one superseded', async () => {
  const cluster = await freshCluster('hc-resume-up');
  clusters.push(cluster);
  const { ctx, namespace } = cluster;
  const first = await hookline(['install', 'app', hookControlChart, '-n', namespace]);
  assert.equal(first.code, 0, first.stderr);
  const upgradeHooks: TestHook[] = [{ name: 'migrate', events: 'pre-upgrade', script: 'sleep 3; echo migrated' }];
  await killWhileRunning(cluster, ['upgrade', 'app', hookControlChart, '-n', namespace, '-f', valuesFile('upgrade', { hooks: upgradeHooks, resourceData: 'two' })], 'migrate');
  assert.deepEqual((await ctx.storage.history('app')).map((r) => `${r.version} ${r.info.status}`), ['1 deployed', '2 pending-upgrade']);
  // Without the lock's expiry the recovery does not step in: the revision is resumed as it was left.
  await ctx.client.request('DELETE', `/apis/coordination.k8s.io/v1/namespaces/${namespace}/leases/hookline-release-app`);
  const resumed = await hookline(['upgrade', 'app', hookControlChart, '--resume', '-n', namespace]);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.deepEqual((await ctx.storage.history('app')).map((r) => `${r.version} ${r.info.status}`), ['1 superseded', '2 deployed']);
  const cm = await ctx.client.request<{ data: { value: string } }>('GET', `/api/v1/namespaces/${namespace}/configmaps/plain-resource`);
  assert.equal(cm.data.value, 'two');
});
