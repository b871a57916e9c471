// A per-release lock held in a coordination.k8s.io Lease while an action changes the release,
// renewed while the action runs. Two concurrent actions on one release: the second gets a
// clear error naming the holder. A holder that died leaves its Lease behind: the next action
// takes it over (and recovers a revision the dead one left pending) at once when the holder was
// a process of this host that no longer exists, otherwise once the Lease expires.
import { hostname } from 'node:os';
import type { KubeClient } from '../kube/client.ts';

/** Lease length: 30 s, or HOOKLINE_LEASE_SECONDS (tests shorten it to see expiry take effect). */
export function leaseSeconds(): number {
  const configured = Number(process.env.HOOKLINE_LEASE_SECONDS);
  return Number.isInteger(configured) && configured > 0 ? configured : 30;
}

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
  return renewed + (lease.spec.leaseDurationSeconds ?? leaseSeconds()) * 1000 < now;
}

function holderIdentity(action: string): string {
  return `hookline ${action} pid ${process.pid} on ${hostname()}`;
}

/** True when the holder named a process of this host that has exited (it was killed or crashed). */
export function holderIsGone(identity: string | undefined): boolean {
  const match = /^hookline \S+ pid (\d+) on (.+)$/.exec(identity ?? '');
  if (!match || match[2] !== hostname()) return false;
  try {
    process.kill(Number(match[1]), 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
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
  const duration = leaseSeconds();
  const spec = () => ({ holderIdentity: holderIdentity(action), leaseDurationSeconds: duration, acquireTime: microTime(), renewTime: microTime() });
  const body = (resourceVersion?: string) => ({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name, resourceVersion }, spec: spec() });
  let lease: Lease | undefined;
  let tookOverFrom: string | undefined;
  // Two rounds: a Lease deleted between our create and our read (its holder just finished) is created again.
  for (let attempt = 0; attempt < 2 && !lease; attempt++) {
    try {
      lease = await client.request<Lease>('POST', collection, { body: body(), signal });
      break;
    } catch (err) {
      if ((err as { status?: number }).status !== 409) throw err;
    }
    let existing: Lease;
    try {
      existing = await client.request<Lease>('GET', `${collection}/${name}`, { signal });
    } catch (err) {
      if ((err as { status?: number }).status === 404) continue;
      throw err;
    }
    const holder = existing.spec.holderIdentity ?? 'unknown holder';
    if (!isExpired(existing) && !holderIsGone(existing.spec.holderIdentity)) {
      throw new ReleaseLockedError(`release "${release}" is locked by another operation (${holder}, renewed ${existing.spec.renewTime}); wait for it to finish, or retry once the lock expires ${existing.spec.leaseDurationSeconds ?? duration}s after its holder stops`);
    }
    tookOverFrom = holder;
    try {
      lease = await client.request<Lease>('PUT', `${collection}/${name}`, { body: body(existing.metadata.resourceVersion), signal });
    } catch (takeoverErr) {
      if ((takeoverErr as { status?: number }).status === 409) throw new ReleaseLockedError(`release "${release}" was locked by another operation at the same moment; retry`);
      throw takeoverErr;
    }
  }
  if (!lease) throw new ReleaseLockedError(`release "${release}": its lock was taken and released repeatedly while acquiring it; retry`);
  let current = lease;
  // Renewals run one after another, and release() waits for the last one: a DELETE racing a
  // renewal would carry a stale resourceVersion and leave the Lease to expire (up to its duration).
  let renewal: Promise<unknown> = Promise.resolve();
  // A renewal whose response was lost (the connection broke after the server took it) leaves
  // `current` stale, so every later PUT conflicts: re-read the Lease and go on while it is ours.
  const adoptIfStillOurs = async () => {
    const latest = await client.request<Lease>('GET', `${collection}/${name}`).catch(() => undefined);
    if (latest && latest.spec.holderIdentity === current.spec.holderIdentity) current = latest;
    return latest;
  };
  const timer = setInterval(() => {
    renewal = renewal.then(() => client.request<Lease>('PUT', `${collection}/${name}`, { body: { ...current, spec: { ...current.spec, renewTime: microTime() } } })
      .then((l) => { current = l; }, async (err) => { if ((err as { status?: number }).status === 409) await adoptIfStillOurs(); }));
  }, (duration * 1000) / 3);
  timer.unref();
  return {
    tookOverFrom,
    async release() {
      clearInterval(timer);
      await renewal;
      for (let attempt = 0; attempt < 2; attempt++) {
        try {
          await client.request('DELETE', `${collection}/${name}`, { body: { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { resourceVersion: current.metadata.resourceVersion } } });
          return;
        } catch (err) {
          // Gone, or the server unreachable: it expires on its own. A conflict: read it again and
          // delete it only while it is still ours.
          if ((err as { status?: number }).status !== 409) return;
          const latest = await adoptIfStillOurs();
          if (!latest || current !== latest) return;
        }
      }
    },
  };
}
