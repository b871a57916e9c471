// Runs one hook phase of a release exactly as Helm 4 does: hooks in weight/name order, each
// preceded by deleting its previous copy where the policy says so, created, then waited for
// (Jobs and Pods only) within the timeout, its last_run recorded; the phase stops at the first
// failure. Delete policies apply after the phase: on success to every hook (last first), on
// failure to the failed hook (hook-failed) and to the hooks that had succeeded (hook-succeeded).
// Beyond Helm, only where a hook's hookline.dev/ annotations or --parallel-hooks ask: a per-hook
// timeout, retries (each a fresh object), allowed failures and batches of parallel hooks; and
// always, each hook's outcome recorded as it finishes (for --resume) and its logs kept.
import { setTimeout as sleep } from 'node:timers/promises';
import { formatDuration } from '../funcs/duration.ts';
import { describeObject, parseObject, type KubeObject } from '../kube/objects.ts';
import { hookTimeoutAnnotation, retryDelayMs, type HookControl } from '../manifest/hookline-annotations.ts';
import { hooksForEvent } from '../manifest/hook-order.ts';
import { waitSignal, type ActionContext } from './context.ts';
import type { HookFailure, HookRef } from './events.ts';
import { recordAllowedFailure } from './hook-allow-failure.ts';
import { hookBatches, runLimited } from './hook-batches.ts';
import { hookControlOf } from './hook-control.ts';
import { resumedHookState } from './hook-resume.ts';
import { captureHookLogs, saveKeptHookLogs } from './hook-kept-logs.ts';
import { diagnoseHookFailure } from './hook-diagnosis.ts';
import { followHookLogs } from './hook-logs.ts';
import { hookStatus, isWaitedKind, type HookStatus } from './hook-status.ts';
import type { Hook, HookDeletePolicy, HookEvent, Release } from './record.ts';
import { timestampNow } from '../gotime/timestamps.ts';

export interface HookPhaseOptions {
  timeoutMs: number;
  serverSideApply: boolean;
  /** Runs only the hooks this accepts (helm test --filter); the rest keep their last run. */
  select?: (hook: Hook) => boolean;
  /** --resume: hooks that succeeded before the interruption are not run again; one still running is waited for. */
  resume?: boolean;
}

/** A failed phase: `message` is Helm's wording (it goes into the release description). */
export class HookPhaseError extends Error {
  readonly hook: HookRef;
  readonly failure?: HookFailure;
  constructor(message: string, hook: HookRef, failure?: HookFailure) {
    super(message);
    this.hook = hook;
    this.failure = failure;
  }
}

function hookRef(hook: Hook, event: HookEvent): HookRef {
  return { name: hook.name ?? '', kind: hook.kind ?? '', path: hook.path ?? '', weight: hook.weight ?? 0, event };
}

function hasPolicy(hook: Hook, policy: HookDeletePolicy): boolean {
  return hook.delete_policies?.includes(policy) ?? false;
}

export async function runHookPhase(ctx: ActionContext, release: Release, event: HookEvent, options: HookPhaseOptions): Promise<void> {
  const hooks = hooksForEvent(release.hooks ?? [], event).filter(options.select ?? (() => true));
  if (hooks.length === 0) return;
  ctx.emit({ type: 'phase-started', event, hooks: hooks.map((h) => hookRef(h, event)) });
  const succeeded = new Set<Hook>();
  // Parallel hooks write the one release record: one write at a time, each with the state at
  // its start, so callers waiting for a write that has not started yet share it.
  let writes: Promise<void> = Promise.resolve();
  let queued: Promise<void> | undefined;
  const record = () => {
    if (queued) return queued;
    const next = writes.then(() => {
      queued = undefined;
      return ctx.storage.update(release);
    });
    queued = next;
    writes = next.catch(() => undefined); // the callers see the failure; later writes still run
    return next;
  };
  const batches = hookBatches(hooks, ctx.parallelHooks);
  try {
    for (const batch of batches) {
      // Helm stores the default policy in the release record, so it is set on the hook itself.
      for (const hook of batch.hooks) if (!hook.delete_policies || hook.delete_policies.length === 0) hook.delete_policies = ['before-hook-creation'];
      // In the order they fail: the first failure is the phase's error; running siblings finish first.
      const failed: Array<{ hook: Hook; error: HookPhaseError }> = [];
      await runLimited(batch.hooks, batch.limit, async (hook) => {
        const error = await runControlledHook(ctx, release, hook, event, options, record);
        if (error) failed.push({ hook, error });
        else succeeded.add(hook);
      });
      if (failed.length === 0) continue;
      // As Helm 4: a hook that could not be built or created ends the phase with no deletions.
      if (failed[0].error.failure && failed[0].error.failure.reason !== 'CreateFailed') {
        for (const f of failed) if (f.error.failure && f.error.failure.reason !== 'CreateFailed') await deleteByPolicy(ctx, f.hook, event, 'hook-failed', options.timeoutMs);
        for (const done of hooks.filter((h) => succeeded.has(h))) await deleteByPolicy(ctx, done, event, 'hook-succeeded', options.timeoutMs);
      }
      throw failed[0].error;
    }
    // Last first, as Helm; the hooks of a parallel batch go together.
    for (const batch of [...batches].reverse()) {
      await Promise.all(batch.hooks.filter((h) => succeeded.has(h)).reverse().map((h) => deleteByPolicy(ctx, h, event, 'hook-succeeded', options.timeoutMs)));
    }
    ctx.emit({ type: 'phase-finished', event, ok: true });
  } catch (err) {
    ctx.emit({ type: 'phase-finished', event, ok: false });
    throw err;
  } finally {
    await writes;
    await saveKeptHookLogs(ctx, release);
  }
}

/**
 * One hook with its hookline.dev/ control: attempts (each after deleting the previous one),
 * its own timeout, and an allowed failure turned into a reported one. Returns the error that
 * stops the phase, if any.
 */
async function runControlledHook(
  ctx: ActionContext, release: Release, hook: Hook, event: HookEvent, options: HookPhaseOptions, record: () => Promise<void>,
): Promise<HookPhaseError | undefined> {
  const control = hookControlOf(hook);
  const attempts = control.retries + 1;
  const resumed = options.resume ? await resumedHookState(ctx, hook) : 'run';
  if (resumed === 'succeeded') {
    ctx.emit({ type: 'hook-progress', hook: hookRef(hook, event), detail: 'succeeded before the interruption: not run again' });
    return undefined;
  }
  if (resumed === 'run') await deleteByPolicy(ctx, hook, event, 'before-hook-creation', options.timeoutMs);
  let error: HookPhaseError | undefined;
  for (let attempt = 1; ; attempt++) {
    error = await runOneHook(ctx, release, hook, event, options, control, record, attempt, resumed === 'running' && attempt === 1);
    // A hook that cannot even be built fails the same way every time.
    if (!error || !error.failure || attempt >= attempts || ctx.signal?.aborted) break;
    const delayMs = retryDelayMs(control, attempt);
    ctx.emit({ type: 'hook-retrying', hook: hookRef(hook, event), attempt, attempts, delayMs, failure: error.failure });
    try {
      await sleep(delayMs, undefined, { signal: ctx.signal });
      await removeForRetry(ctx, hook, options.timeoutMs);
    } catch (err) {
      if (ctx.signal?.aborted) break;
      throw err;
    }
  }
  // The outcome is in the record before anything else happens: --resume relies on it.
  await record();
  if (!error || !control.allowFailure) return error;
  if (error.failure && error.failure.reason !== 'CreateFailed') await deleteByPolicy(ctx, hook, event, 'hook-failed', options.timeoutMs);
  const ref = hookRef(hook, event);
  recordAllowedFailure(release, { hook: ref, message: error.message });
  ctx.emit({ type: 'hook-failure-allowed', hook: ref, message: error.message, failure: error.failure });
  return undefined;
}

/** Deletes a failed attempt and its pods (foreground) so that the next attempt starts fresh. */
async function removeForRetry(ctx: ActionContext, hook: Hook, timeoutMs: number): Promise<void> {
  const obj = parseObject(hook.manifest ?? '', hook.path ?? 'hook');
  if (!(await ctx.objects.delete(obj, ctx.namespace, 'Foreground'))) return;
  const signal = waitSignal(ctx, timeoutMs);
  try {
    await ctx.objects.waitForDeletion(obj, ctx.namespace, signal);
  } catch (err) {
    if (signal.aborted && !ctx.signal?.aborted) throw new Error(`timed out waiting for ${describeObject(obj)} to be deleted before its next attempt (${hook.path})`);
    throw err;
  }
}

/**
 * Creates one hook (or, with `adopt`, takes over the run an interrupted action left) and waits
 * for it; returns the error that stops the phase, if any.
 */
async function runOneHook(
  ctx: ActionContext, release: Release, hook: Hook, event: HookEvent, options: HookPhaseOptions, control: HookControl, record: () => Promise<void>,
  attempt: number, adopt: boolean,
): Promise<HookPhaseError | undefined> {
  const ref = hookRef(hook, event);
  let obj: KubeObject;
  try {
    obj = parseObject(hook.manifest ?? '', hook.path ?? hook.name ?? 'hook');
  } catch (err) {
    return new HookPhaseError(`unable to build kubernetes object for ${event} hook ${hook.path}: ${(err as Error).message}`, ref);
  }
  const started = Date.now();
  if (adopt) {
    ctx.emit({ type: 'hook-progress', hook: ref, detail: 'still running from the interrupted action: waiting for it' });
  } else {
    hook.last_run = { started_at: timestampNow(), phase: 'Running' };
    await record();
    hook.last_run.phase = 'Unknown';
    try {
      if (options.serverSideApply) await ctx.objects.apply(obj, ctx.namespace, { fieldManager: ctx.fieldManager });
      else await ctx.objects.create(obj, ctx.namespace);
    } catch (err) {
      hook.last_run.completed_at = timestampNow();
      hook.last_run.phase = 'Failed';
      const failure: HookFailure = { reason: 'CreateFailed', message: (err as Error).message, logTail: [], events: [] };
      ctx.emit({ type: 'hook-finished', hook: ref, phase: 'Failed', elapsedMs: Date.now() - started, failure });
      return new HookPhaseError(`warning: Hook ${event} ${hook.path} failed: ${(err as Error).message}`, ref, failure);
    }
    ctx.emit({ type: 'hook-created', hook: ref });
  }
  const namespace = obj.metadata.namespace ?? ctx.namespace;
  const logs = ctx.followHookLogs ? followHookLogs(ctx, obj.kind, obj.metadata.name, namespace, ref) : undefined;
  let status: HookStatus;
  let elapsedMs: number;
  try {
    status = await waitForHook(ctx, obj, ref, control.timeoutMs ?? options.timeoutMs);
    hook.last_run.completed_at = timestampNow();
    elapsedMs = Date.now() - started;
  } finally {
    // Every log line is out before the hook's outcome is reported; draining is not the hook's time.
    await logs?.stop();
  }
  await captureHookLogs(ctx, release, ref, obj, status.state === 'Current' ? 'Succeeded' : 'Failed', attempt, control.keptLogKiB * 1024);
  if (status.state === 'Current') {
    hook.last_run.phase = 'Succeeded';
    ctx.emit({ type: 'hook-finished', hook: ref, phase: 'Succeeded', elapsedMs });
    return undefined;
  }
  hook.last_run.phase = 'Failed';
  const failure = await diagnoseHookFailure(ctx.client, namespace, obj.kind, obj.metadata.name, status);
  const followed = logs?.tail();
  // Pods a Job deleted (activeDeadlineSeconds) left no logs to read: use the lines followed live.
  if (failure.logTail.length === 0 && followed) Object.assign(failure, { pod: followed.pod, container: followed.container, logTail: followed.lines });
  const ownTimeout = control.timeoutMs === undefined ? '' : `${hookTimeoutAnnotation} of ${formatDuration(BigInt(control.timeoutMs) * 1_000_000n)} exceeded`;
  if (status.state === 'InProgress' && ownTimeout && !ctx.signal?.aborted) failure.message = `${failure.message} (${ownTimeout})`;
  ctx.emit({ type: 'hook-finished', hook: ref, phase: 'Failed', elapsedMs, failure });
  const timedOut = status.state !== 'InProgress' ? '' : ctx.signal?.aborted ? '\ninterrupted' : `\n${ownTimeout || 'context deadline exceeded'}`;
  return new HookPhaseError(
    `resource ${obj.kind}/${namespace}/${obj.metadata.name} not ready. status: ${status.state}, message: ${status.message}${timedOut}`,
    ref, failure);
}

/** Watches a Job or Pod until it completes or fails; other kinds are done at once. */
async function waitForHook(ctx: ActionContext, obj: KubeObject, ref: HookRef, timeoutMs: number): Promise<HookStatus> {
  if (!isWaitedKind(obj.kind)) return hookStatus(obj);
  const signal = waitSignal(ctx, timeoutMs);
  let last: HookStatus = { state: 'InProgress', message: `${obj.kind} in progress` };
  let lastDetail = '';
  try {
    await ctx.objects.watchUntil(obj, ctx.namespace, (live) => {
      if (!live) return false; // not visible yet, or deleted by someone else: keep waiting
      last = hookStatus(live);
      const detail = progressDetail(live);
      if (detail !== lastDetail) {
        lastDetail = detail;
        ctx.emit({ type: 'hook-progress', hook: ref, detail });
      }
      return last.state !== 'InProgress';
    }, signal);
  } catch (err) {
    if (!signal.aborted) throw err;
  }
  return last;
}

function progressDetail(live: KubeObject): string {
  const status = (live.status ?? {}) as { active?: number; succeeded?: number; failed?: number; phase?: string };
  if (live.kind === 'Pod') return `phase ${status.phase ?? 'Pending'}`;
  return `active ${status.active ?? 0}, succeeded ${status.succeeded ?? 0}, failed ${status.failed ?? 0}`;
}

async function deleteByPolicy(ctx: ActionContext, hook: Hook, event: HookEvent, policy: HookDeletePolicy, timeoutMs: number): Promise<void> {
  // Deleting a CRD would cascade to every custom resource of its kind: Helm never does it.
  if (hook.kind === 'CustomResourceDefinition' || !hasPolicy(hook, policy)) return;
  const obj = parseObject(hook.manifest ?? '', hook.path ?? 'hook');
  const existed = await ctx.objects.delete(obj, ctx.namespace, 'Background');
  if (!existed) return;
  const signal = waitSignal(ctx, timeoutMs);
  try {
    await ctx.objects.waitForDeletion(obj, ctx.namespace, signal);
  } catch (err) {
    if (signal.aborted) throw new Error(`timed out waiting for ${describeObject(obj)} to be deleted (policy ${policy})`);
    throw err;
  }
  ctx.emit({ type: 'hook-deleted', hook: hookRef(hook, event), policy });
}
