// A per-release lock held in a coordination.k8s.io Lease while an action changes the release,
// renewed while the action runs. Two concurrent actions on one release: the second gets a
// clear error naming the holder. A holder that died leaves a Lease that expires, after which
// the next action may take it over (and recover a revision the dead one left pending).
import { hostname } from 'node:os';
import type { KubeClient } from '../kube/client.ts';

const leaseSeconds = 30;
const renewEveryMs = 10_000;

interface Lease {
  metadata: { name: string; resourceVersion?: string };
  spec: { holderIdentity?: string; leaseDurationSeconds?: number; acquireTime?: string; renewTime?: string };
}

export class ReleaseLockedError extends Error {}

function microTime(date = new Date()): string {
  // Lease times are MicroTime: RFC 3339 with exactly six fractional digits.
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

function leaseName(release: string): string {
  return `hookline-release-${release}`.slice(0, 253);
}

export function isExpired(lease: Lease, now = Date.now()): boolean {
  const renewed = Date.parse(lease.spec.renewTime ?? lease.spec.acquireTime ?? '');
  if (Number.isNaN(renewed)) return true;
  return renewed + (lease.spec.leaseDurationSeconds ?? leaseSeconds) * 1000 < now;
}

export interface HeldLock {
  /** True when the lock was taken over from a holder that stopped renewing it. */
  tookOverFrom?: string;
  release(): Promise<void>;
}

/** `signal` ends a lock request that hangs (an unresponsive API server) when the user interrupts. */
export async function acquireReleaseLock(client: KubeClient, namespace: string, release: string, action: string, signal?: AbortSignal): Promise<HeldLock> {
  const collection = `/apis/coordination.k8s.io/v1/namespaces/${encodeURIComponent(namespace)}/leases`;
  const name = leaseName(release);
  const holder = `hookline ${action} pid ${process.pid} on ${hostname()}`;
  const spec = () => ({ holderIdentity: holder, leaseDurationSeconds: leaseSeconds, acquireTime: microTime(), renewTime: microTime() });
  let lease: Lease;
  let tookOverFrom: string | undefined;
  try {
    lease = await client.request<Lease>('POST', collection, { body: { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name }, spec: spec() }, signal });
  } catch (err) {
    if ((err as { status?: number }).status !== 409) throw err;
    const existing = await client.request<Lease>('GET', `${collection}/${name}`, { signal });
    if (!isExpired(existing)) {
      throw new ReleaseLockedError(`release "${release}" is locked by another operation (${existing.spec.holderIdentity ?? 'unknown holder'}, renewed ${existing.spec.renewTime}); wait for it to finish, or retry once the lock expires ${leaseSeconds}s after its holder stops`);
    }
    tookOverFrom = existing.spec.holderIdentity;
    try {
      lease = await client.request<Lease>('PUT', `${collection}/${name}`, {
        body: { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name, resourceVersion: existing.metadata.resourceVersion }, spec: spec() }, signal,
      });
    } catch (takeoverErr) {
      if ((takeoverErr as { status?: number }).status === 409) throw new ReleaseLockedError(`release "${release}" was locked by another operation at the same moment; retry`);
      throw takeoverErr;
    }
  }
  let current = lease;
  const timer = setInterval(() => {
    const renewed = { ...current, spec: { ...current.spec, renewTime: microTime() } };
    client.request<Lease>('PUT', `${collection}/${name}`, { body: renewed }).then((l) => { current = l; }, () => { /* next tick retries */ });
  }, renewEveryMs);
  timer.unref();
  return {
    tookOverFrom,
    async release() {
      clearInterval(timer);
      try {
        await client.request('DELETE', `${collection}/${name}`, { body: { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { resourceVersion: current.metadata.resourceVersion } } });
      } catch {
        // Renewed meanwhile (stale resourceVersion) or gone: either way it expires on its own.
      }
    },
  };
}
