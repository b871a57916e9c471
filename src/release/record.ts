// The release layer's one import of the record types: the record is defined by storage
// (src/storage/record.ts), its hooks by manifest (src/manifest/hook-record.ts).
export type { Release, ReleaseInfo, ReleaseStatus, StoredChart } from '../storage/record.ts';
export { hookEvents } from '../manifest/hook-record.ts';
export type { Hook, HookDeletePolicy, HookEvent, HookExecution, HookOutputLogPolicy, HookPhase } from '../manifest/hook-record.ts';
