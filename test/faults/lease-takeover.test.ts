// The release lock's Lease across hosts: a live holder elsewhere refuses the action and names
// it; a holder elsewhere whose Lease expired (it cannot be checked for life, unlike a process of
// this host) is taken over and the revision it left pending is recovered; HOOKLINE_LEASE_SECONDS
// sets the Lease length the holder writes.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hookline, scenarioNamespace } from '../observe/cli.ts';
import { testClient } from '../support/cluster.ts';
import { releaseRecords } from '../support/lifecycle-harness.ts';
import { Gates, gatedChart, startHookline } from './running.ts';

const release = 'leased';
const gates = new Gates();
const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  await Promise.all(cleanups.map((c) => c()));
  gates.remove();
});

interface Lease { metadata: { resourceVersion?: string }; spec: Record<string, unknown> }

const leasePath = (namespace: string) => `/apis/coordination.k8s.io/v1/namespaces/${namespace}/leases/hookline-release-${release}`;

/** Writes the release's Lease as a holder on another host would have left it. */
async function foreignLease(namespace: string, renewedSecondsAgo: number, durationSeconds: number): Promise<void> {
  const client = testClient();
  const renewed = new Date(Date.now() - renewedSecondsAgo * 1000).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
  const spec = { holderIdentity: 'hookline upgrade pid 1 on another-host', leaseDurationSeconds: durationSeconds, acquireTime: renewed, renewTime: renewed };
  const existing = await client.request<Lease>('GET', leasePath(namespace)).catch(() => undefined);
  const body = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: `hookline-release-${release}`, resourceVersion: existing?.metadata.resourceVersion }, spec };
  if (existing) await client.request('PUT', leasePath(namespace), { body });
  else await client.request('POST', `/apis/coordination.k8s.io/v1/namespaces/${namespace}/leases`, { body });
}

async function installed(prefix: string): Promise<string> {
  const { namespace, cleanup } = await scenarioNamespace(prefix);
  cleanups.push(cleanup);
  const result = await hookline(namespace, ['install', release, gatedChart, '--no-hooks']);
  assert.equal(result.code, 0, result.stderr);
  return namespace;
}

const statuses = async (namespace: string) => (await releaseRecords(testClient(), namespace, release)).map((r) => `${r.version}:${r.info.status}`);

describe('the release lock across hosts', { concurrency: 3 }, () => {
  test('a live holder on another host: the action is refused, naming it, and changes nothing', async () => {
    const namespace = await installed('lease-live');
    await foreignLease(namespace, 0, 3600);
    const result = await hookline(namespace, ['upgrade', release, gatedChart, '--set', 'generation=2']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^Error: UPGRADE FAILED: release "leased" is locked by another operation \(hookline upgrade pid 1 on another-host, renewed /m);
    assert.deepEqual(await statuses(namespace), ['1:deployed']);
  });

  test('a holder on another host that stopped renewing: taken over once expired, its pending revision recovered', async () => {
    const namespace = await installed('lease-expired');
    const killed = await startHookline(namespace, ['upgrade', release, gatedChart, '--set', 'generation=2'], { HOOKLINE_FAULT_AT: 'upgrade:pre-upgrade-hook-running' }).done;
    assert.equal(killed.signal, 'SIGKILL');
    await foreignLease(namespace, 60, 30);
    const next = await hookline(namespace, ['upgrade', release, gatedChart, '--set', 'generation=2']);
    assert.equal(next.code, 0, next.stderr);
    assert.match(next.stderr, /note: revision 2 was left pending-upgrade by an interrupted operation; it is now marked failed/);
    const records = await releaseRecords(testClient(), namespace, release);
    assert.deepEqual(records.map((r) => `${r.version}:${r.info.status}`), ['1:superseded', '2:failed', '3:deployed']);
    assert.match(records[1].info.description ?? '', /^pending-upgrade interrupted: hookline upgrade pid 1 on another-host stopped before finishing/);
  });

  test('HOOKLINE_LEASE_SECONDS sets the length of the Lease an action holds', async () => {
    const namespace = await installed('lease-length');
    const running = startHookline(namespace, ['upgrade', release, gatedChart, '--set', `gate=${gates.path('length')}`, '-o', 'json'], { HOOKLINE_LEASE_SECONDS: '7' });
    await running.waitForEvent((e) => e.type === 'hook-created', 'its pre-upgrade hook');
    const lease = await testClient().request<Lease>('GET', leasePath(namespace));
    assert.equal(lease.spec.leaseDurationSeconds, 7);
    assert.match(String(lease.spec.holderIdentity), new RegExp(`^hookline upgrade pid ${running.pid} on `));
    gates.open('length');
    assert.equal((await running.done).code, 0);
    await assert.rejects(testClient().request('GET', leasePath(namespace)), (err: { status?: number }) => err.status === 404, 'the Lease is released at the end');
  });
});
