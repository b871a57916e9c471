// The typed events every lifecycle action emits. The terminal progress view, `--output json`,
// the HTML report and the tests all read these, so each carries what a person needs to know.
import type { HookDeletePolicy, HookEvent, HookPhase, ReleaseStatus } from './record.ts';

export type ActionName = 'install' | 'upgrade' | 'rollback' | 'uninstall' | 'test';

/** Names one hook resource. */
export interface HookRef {
  name: string;
  kind: string;
  path: string;
  weight: number;
  event: HookEvent;
}

/** Why a hook failed, in terms a person can act on without kubectl. */
export interface HookFailure {
  reason: string; // BackoffLimitExceeded, DeadlineExceeded, Error, Timeout, CreateFailed ...
  message: string;
  exitCode?: number;
  pod?: string;
  container?: string;
  logTail: string[];
  events: string[];
}

export type LifecycleEvent =
  | { type: 'action-started'; action: ActionName; release: string; namespace: string; revision: number }
  | { type: 'phase-started'; event: HookEvent; hooks: HookRef[] }
  | { type: 'phase-finished'; event: HookEvent; ok: boolean }
  | { type: 'hook-deleted'; hook: HookRef; policy: HookDeletePolicy }
  | { type: 'hook-created'; hook: HookRef }
  | { type: 'hook-progress'; hook: HookRef; detail: string }
  | { type: 'hook-log'; hook: HookRef; pod: string; container: string; line: string }
  | { type: 'hook-finished'; hook: HookRef; phase: HookPhase; elapsedMs: number; failure?: HookFailure }
  // hookline.dev/hook-retries: attempt `attempt` of `attempts` failed; a fresh run follows after delayMs.
  | { type: 'hook-retrying'; hook: HookRef; attempt: number; attempts: number; delayMs: number; failure: HookFailure }
  // hookline.dev/hook-allow-failure: the hook failed and the phase goes on; `message` says why.
  | { type: 'hook-failure-allowed'; hook: HookRef; message: string; failure?: HookFailure }
  | { type: 'resources-applying'; count: number; verb: 'create' | 'update' | 'delete' }
  | { type: 'resource-applied'; kind: string; name: string; namespace?: string; verb: 'created' | 'updated' | 'deleted' | 'kept' }
  | { type: 'waiting'; what: string; timeoutMs: number }
  | { type: 'wait-finished'; what: string; ok: boolean; detail?: string }
  | { type: 'release-recorded'; revision: number; status: ReleaseStatus; description: string }
  | { type: 'action-finished'; action: ActionName; ok: boolean; revision: number; status?: ReleaseStatus; error?: string };

/** An event with the wall-clock time it happened. */
export type TimedEvent = LifecycleEvent & { at: number };

export type EventSink = (event: TimedEvent) => void;

/** Stamps and forwards events; a sink that throws never breaks the action. */
export function eventEmitter(sinks: EventSink[]): (event: LifecycleEvent) => void {
  return (event) => {
    const timed = { ...event, at: Date.now() } as TimedEvent;
    for (const sink of sinks) {
      try {
        sink(timed);
      } catch {
        // Reporting must never change the outcome of an action.
      }
    }
  };
}
