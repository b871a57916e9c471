// The typed events every lifecycle action emits. The terminal progress view, `--output json`,
// the HTML report and the tests all read these, so each carries what a person needs to know.
import { pendingStatuses } from './pending.ts';
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

/** Rewrites an event's text before any sink sees it (SecretRedactor keeps secrets out of it). */
export interface EventRedactor {
  redactFields<T>(value: T): T;
}

/**
 * The step boundary an event marks, as HOOKLINE_FAULT_AT names it: pending-recorded (the pending
 * revision is written), <hook event>-hook-running (a hook was created and runs),
 * <hook event>-hook-deleted (a hook object was deleted), applying (the first resource was
 * applied), waiting (the wait for resources began), recorded (a final status was written).
 */
export function faultPoint(event: LifecycleEvent): string | undefined {
  switch (event.type) {
    case 'release-recorded': return pendingStatuses.has(event.status) ? 'pending-recorded' : 'recorded';
    case 'hook-created': return `${event.hook.event}-hook-running`;
    case 'hook-deleted': return `${event.hook.event}-hook-deleted`;
    case 'resource-applied': return 'applying';
    case 'waiting': return 'waiting';
    default: return undefined;
  }
}

// Fault injection for the fault suite: HOOKLINE_FAULT_AT=<action>:<point> kills this very
// process with SIGKILL (what kill -9 does) right after the first event of that point, so a crash
// at every step of every action can be reproduced against a real cluster.
function faultInjector(): (event: LifecycleEvent) => void {
  const target = process.env.HOOKLINE_FAULT_AT;
  if (!target) return () => {};
  let action: ActionName | undefined;
  return (event) => {
    if (event.type === 'action-started') action = event.action;
    if (action && `${action}:${faultPoint(event)}` === target) process.kill(process.pid, 'SIGKILL');
  };
}

/** Stamps, redacts and forwards events; a sink that throws never breaks the action. */
export function eventEmitter(sinks: EventSink[], redactor?: EventRedactor): (event: LifecycleEvent) => void {
  const injectFault = faultInjector();
  return (event) => {
    const stamped = { ...event, at: Date.now() } as TimedEvent;
    const timed = redactor ? redactor.redactFields(stamped) : stamped;
    for (const sink of sinks) {
      try {
        sink(timed);
      } catch {
        // Reporting must never change the outcome of an action.
      }
    }
    injectFault(event);
  };
}
