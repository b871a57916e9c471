// Optimistic-concurrency conflicts on the release record (Secret driver) on the test cluster: while
// an upgrade waits in its pre-upgrade hook, another client writes the records it will update.
// A metadata-only change is re-read and the upgrade finishes; a change of the release's status is
// never overwritten: the upgrade fails naming the record, and the next action succeeds.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { KubeStorageDriver } from '../../src/storage/kube-driver.ts';
import { releaseKey } from '../../src/storage/driver.ts';
import { hookline, scenarioNamespace } from '../observe/cli.ts';
import { testClient } from '../support/cluster.ts';
import { runHelm } from '../support/lifecycle-harness.ts';
import { Gates, gatedChart, startHookline } from './running.ts';

const gates = new Gates();
const client = testClient();
const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  await Promise.all(cleanups.map((c) => c()));
  gates.remove();
  client.close();
});

const inPreUpgradeHook = (e: { type: string; hook?: { event: string } }) => e.type === 'hook-created' && e.hook?.event === 'pre-upgrade';

async function historyFromBoth(namespace: string, release: string): Promise<string[]> {
  const revisions = (json: string) => (JSON.parse(json) as Array<{ revision: number; status: string }>).map((r) => `${r.revision}:${r.status}`);
  const helm = await runHelm(['history', release, '-n', namespace, '-o', 'json']);
  assert.equal(helm.code, 0, helm.stderr);
  const mine = await hookline(namespace, ['history', release, '-o', 'json']);
  assert.deepEqual(revisions(mine.stdout), revisions(helm.stdout), 'Hookline reads the history helm reads');
  return revisions(helm.stdout);
}

/** An upgrade of `release` held in its pre-upgrade hook, with the revision 1 record installed before. */
async function upgradeHeldInHook(prefix: string, release: string) {
  const { namespace, cleanup } = await scenarioNamespace(prefix);
  cleanups.push(cleanup);
  const installed = await hookline(namespace, ['install', release, gatedChart, '--no-hooks']);
  assert.equal(installed.code, 0, installed.stderr);
  const gate = gates.path(prefix);
  const upgrade = startHookline(namespace, ['upgrade', release, gatedChart, '--set', 'generation=2', '--set', `gate=${gate}`, '-o', 'json']);
  await upgrade.waitForEvent(inPreUpgradeHook, 'the pre-upgrade hook');
  return { namespace, upgrade, openGate: () => gates.open(prefix) };
}

describe('conflicts on the release record', () => {
  test('another client bumps the records\' resourceVersion: the upgrade re-reads them and finishes', async () => {
    const { namespace, upgrade, openGate } = await upgradeHeldInHook('conflict-meta', 'svc');
    const bumped: Record<string, string> = {};
    for (const revision of [1, 2]) {
      const path = `/api/v1/namespaces/${namespace}/secrets/${releaseKey('svc', revision)}`;
      const before = await client.request('GET', path);
      const after = await client.request('PATCH', path, { body: { metadata: { annotations: { 'example.com/touched': 'yes' } } } });
      assert.notEqual(after.metadata.resourceVersion, before.metadata.resourceVersion);
      bumped[revision] = after.metadata.resourceVersion;
    }
    openGate();
    const result = await upgrade.done;
    assert.equal(result.code, 0, `the upgrade finishes despite the conflict:\n${result.stderr}`);
    for (const revision of [1, 2]) {
      const now = await client.request('GET', `/api/v1/namespaces/${namespace}/secrets/${releaseKey('svc', revision)}`);
      assert.notEqual(now.metadata.resourceVersion, bumped[revision], `revision ${revision} was written after the outside change`);
    }
    assert.deepEqual(await historyFromBoth(namespace, 'svc'), ['1:superseded', '2:deployed']);
  });

  test('another client changes the pending revision\'s status: the upgrade does not overwrite it', async () => {
    const { namespace, upgrade, openGate } = await upgradeHeldInHook('conflict-status', 'svc');
    // Another client (this driver, as a second process would) marks the pending revision failed.
    const outsider = new KubeStorageDriver(client, 'Secret', namespace);
    const key = releaseKey('svc', 2);
    const pending = await outsider.get(key);
    assert.equal(pending.info.status, 'pending-upgrade');
    await outsider.update(key, { ...pending, info: { ...pending.info, status: 'failed', description: 'marked failed by another client' } });
    openGate();
    const result = await upgrade.done;
    assert.equal(result.code, 1, 'the upgrade fails rather than overwrite the other client\'s record');
    assert.match(result.stderr, new RegExp(`"${key.replaceAll('.', '\\.')}" was changed by another client while this action ran \\(status pending-upgrade became failed\\)`));
    assert.equal((await outsider.get(key)).info.status, 'failed', 'the other client\'s status stands');
    const next = await hookline(namespace, ['upgrade', 'svc', gatedChart, '--set', 'generation=3']);
    assert.equal(next.code, 0, `the next upgrade succeeds with no manual step:\n${next.stderr}`);
    assert.deepEqual(await historyFromBoth(namespace, 'svc'), ['1:superseded', '2:failed', '3:deployed']);
  });
});
