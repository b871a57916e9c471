// Concurrent actions through the CLI on the test cluster. The `gated` chart holds an action inside
// its pre-upgrade hook until the test opens a gate file, so "at the same time" is a fact, not luck:
// six upgrades of one release (one proceeds, five are refused at once naming its process), two
// releases of one namespace (both in flight together), and helm 4 against Hookline on one release.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hookline, scenarioNamespace } from '../observe/cli.ts';
import { runHelm } from '../support/lifecycle-harness.ts';
import { Gates, firstExits, gatedChart, startHelm, startHookline, type Running } from './running.ts';
import { testClient } from '../support/cluster.ts';

const gates = new Gates();
const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  await Promise.all(cleanups.map((c) => c()));
  gates.remove();
});

async function namespaceFor(prefix: string): Promise<string> {
  const { namespace, cleanup } = await scenarioNamespace(prefix);
  cleanups.push(cleanup);
  return namespace;
}

async function install(namespace: string, release: string): Promise<void> {
  const result = await hookline(namespace, ['install', release, gatedChart]);
  assert.equal(result.code, 0, result.stderr);
}

const revisions = (json: string) => (JSON.parse(json) as Array<{ revision: number; status: string }>).map((r) => `${r.revision}:${r.status}`);

/** `revision:status` of every revision, as helm 4 reads them (Hookline must read the same). */
async function helmHistory(namespace: string, release: string): Promise<string[]> {
  const run = await runHelm(['history', release, '-n', namespace, '-o', 'json']);
  assert.equal(run.code, 0, run.stderr);
  const mine = await hookline(namespace, ['history', release, '-o', 'json']);
  assert.deepEqual(revisions(mine.stdout), revisions(run.stdout), 'Hookline reads the history helm reads');
  return revisions(run.stdout);
}

const inPreUpgradeHook = (e: { type: string; hook?: { event: string } }) => e.type === 'hook-created' && e.hook?.event === 'pre-upgrade';

describe('concurrent actions', { concurrency: 3 }, () => {
  test('six upgrades of one release started together: one proceeds, five are refused at once naming it', async () => {
    const namespace = await namespaceFor('conc-six');
    await install(namespace, 'one');
    const gate = gates.path('six');
    const runs: Running[] = [2, 3, 4, 5, 6, 7].map((generation) =>
      startHookline(namespace, ['upgrade', 'one', gatedChart, '--set', `generation=${generation}`, '--set', `gate=${gate}`, '-o', 'json']));
    // The one that got the lock waits in its hook until the gate opens; the others end on their own.
    const refused = await firstExits(runs, 5);
    const winner = runs.find((r) => !refused.includes(r))!;
    for (const loser of refused) {
      const result = await loser.done;
      assert.equal(result.code, 1, `a refused upgrade exits 1:\n${result.stderr}`);
      assert.match(result.stderr, new RegExp(`^Error: UPGRADE FAILED: release "one" is locked by another operation \\(hookline upgrade pid ${winner.pid} on `, 'm'));
      assert.equal(loser.events.length, 0, 'a refused upgrade started nothing');
    }
    await winner.waitForEvent(inPreUpgradeHook, 'its pre-upgrade hook');
    gates.open('six');
    const won = await winner.done;
    assert.equal(won.code, 0, won.stderr);
    assert.deepEqual(await helmHistory(namespace, 'one'), ['1:superseded', '2:deployed']);
  });

  test('two releases of one namespace upgrade in parallel', async () => {
    const namespace = await namespaceFor('conc-pair');
    await Promise.all([install(namespace, 'left'), install(namespace, 'right')]);
    const runs = ['left', 'right'].map((release) =>
      startHookline(namespace, ['upgrade', release, gatedChart, '--set', 'generation=2', '--set', `gate=${gates.path(`pair-${release}`)}`, '-o', 'json']));
    // Both are inside their pre-upgrade hook at the same moment: neither waits for the other's lock.
    await Promise.all(runs.map((r) => r.waitForEvent(inPreUpgradeHook, 'its pre-upgrade hook')));
    gates.open('pair-left');
    gates.open('pair-right');
    for (const r of runs) assert.equal((await r.done).code, 0);
    assert.deepEqual(await helmHistory(namespace, 'left'), ['1:superseded', '2:deployed']);
    assert.deepEqual(await helmHistory(namespace, 'right'), ['1:superseded', '2:deployed']);
  });

  test('helm 4 upgrading while Hookline upgrades the same release is refused; the history stays whole', async () => {
    const namespace = await namespaceFor('conc-helm-late');
    await install(namespace, 'shared');
    const mine = startHookline(namespace, ['upgrade', 'shared', gatedChart, '--set', 'generation=2', '--set', `gate=${gates.path('helm-late')}`, '-o', 'json']);
    await mine.waitForEvent(inPreUpgradeHook, 'its pre-upgrade hook');
    const helm = await runHelm(['upgrade', 'shared', gatedChart, '-n', namespace, '--set', 'generation=3']);
    assert.equal(helm.code, 1);
    assert.match(helm.stderr, /another operation \(install\/upgrade\/rollback\) is in progress/);
    gates.open('helm-late');
    assert.equal((await mine.done).code, 0);
    assert.deepEqual(await helmHistory(namespace, 'shared'), ['1:superseded', '2:deployed']);
    const after = await runHelm(['upgrade', 'shared', gatedChart, '-n', namespace, '--set', 'generation=3']);
    assert.equal(after.code, 0, after.stderr);
    assert.deepEqual(await helmHistory(namespace, 'shared'), ['1:superseded', '2:superseded', '3:deployed']);
  });

  test('Hookline upgrading while helm 4 upgrades the same release is refused; the history stays whole', async () => {
    const namespace = await namespaceFor('conc-helm-first');
    await install(namespace, 'shared');
    const helm = startHelm(namespace, ['upgrade', 'shared', gatedChart, '--set', 'generation=2', '--set', `gate=${gates.path('helm-first')}`]);
    await pendingRevision(namespace, 'shared', 2, helm);
    const mine = await hookline(namespace, ['upgrade', 'shared', gatedChart, '--set', 'generation=3']);
    assert.equal(mine.code, 1);
    assert.match(mine.stderr, /^Error: UPGRADE FAILED: another operation \(install\/upgrade\/rollback\) is in progress/m);
    gates.open('helm-first');
    assert.equal((await helm.done).code, 0);
    assert.deepEqual(await helmHistory(namespace, 'shared'), ['1:superseded', '2:deployed']);
    const next = await hookline(namespace, ['upgrade', 'shared', gatedChart, '--set', 'generation=3']);
    assert.equal(next.code, 0, next.stderr);
    assert.deepEqual(await helmHistory(namespace, 'shared'), ['1:superseded', '2:superseded', '3:deployed']);
  });
});

/** Waits until helm has recorded that revision as pending-upgrade (helm has no event stream to watch). */
async function pendingRevision(namespace: string, release: string, revision: number, helm: Running): Promise<void> {
  const client = testClient();
  const selector = encodeURIComponent(`owner=helm,name=${release},version=${revision},status=pending-upgrade`);
  let exited = false;
  void helm.done.then(() => { exited = true; });
  for (;;) {
    if (exited) throw new Error(`helm exited before recording revision ${revision} pending:\n${(await helm.done).stderr}`);
    const list = await client.request<{ items: unknown[] }>('GET', `/api/v1/namespaces/${namespace}/secrets?labelSelector=${selector}`);
    if (list.items.length > 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}
