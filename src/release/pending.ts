// Helm refuses to start an action while the latest revision is pending (another install,
// upgrade or rollback is in progress); this is its pessimistic lock, kept for compatibility.
import type { Release } from './record.ts';

export const pendingStatuses = new Set(['pending-install', 'pending-upgrade', 'pending-rollback']);

export function assertNotPending(last: Release): void {
  if (pendingStatuses.has(last.info.status ?? '')) {
    throw new Error('another operation (install/upgrade/rollback) is in progress');
  }
}
