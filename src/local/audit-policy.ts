// The apiserver's audit policy: who created or deleted what, and when, at Metadata level.
// Lifecycle tests read hook creation and deletion order from this log.
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';

const policy = {
  apiVersion: 'audit.k8s.io/v1',
  kind: 'Policy',
  // One event per request, written when the response is complete.
  omitStages: ['RequestReceived'],
  rules: [
    // Heartbeats and events would drown the log.
    { level: 'None', resources: [{ group: 'coordination.k8s.io', resources: ['leases'] }, { group: '', resources: ['events'] }, { group: 'events.k8s.io', resources: ['events'] }] },
    { level: 'Metadata', verbs: ['create', 'delete', 'deletecollection'] },
    { level: 'None' },
  ],
};

export function writeAuditPolicy(path: string): void {
  writeFileSync(path, stringify(policy));
}
