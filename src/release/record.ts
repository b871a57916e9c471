// Re-exports of the release record's types under their former path, for src/release/hooks.ts
// until its import moves: the record lives in src/storage/record.ts, hooks in src/manifest/hook-record.ts.
export type { Release } from '../storage/record.ts';
export type { Hook, HookDeletePolicy, HookEvent } from '../manifest/hook-record.ts';
