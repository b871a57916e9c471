// --resume: continues an install or upgrade whose process died half-way, from what its revision
// records, where that is safe: hooks that succeeded are not run again, a hook still running is
// waited for, resources are applied again (applying the same objects is idempotent) unless the
// post hooks had already started, and the revision is finished as the action would have.
import type { ActionContext } from './context.ts';
import type { CommonActionOptions } from './content.ts';
import { hooksForEvent } from '../manifest/hook-order.ts';
import { describeWithAllowedFailures } from './hook-allow-failure.ts';
import { runHookPhase } from './hooks.ts';
import { ReleaseFailedError, prefixed } from './install.ts';
import { applyInOrder, updateInOrder } from './ordered-apply.ts';
import type { HookEvent, Release } from './record.ts';
import { manifestObjects, markOwned } from './resources.ts';
import { waitForResources } from './wait.ts';

type ResumableAction = 'install' | 'upgrade';

export interface ResumeStep {
  what: string;
  state: 'done' | 'partly done' | 'to run';
}

export interface ResumePoint {
  release: Release;
  action: ResumableAction;
  /** The revision an upgrade moves from (its resources are replaced). */
  previous?: Release;
  steps: ResumeStep[];
  resourcesDone: boolean;
}

const events: Record<ResumableAction, { pre: HookEvent; post: HookEvent; preFailed: string; postFailed: string }> = {
  install: { pre: 'pre-install', post: 'post-install', preFailed: 'failed pre-install', postFailed: 'failed post-install' },
  upgrade: { pre: 'pre-upgrade', post: 'post-upgrade', preFailed: 'pre-upgrade hooks failed', postFailed: 'post-upgrade hooks failed' },
};

// What the lock recovery writes when it finds a dead action's pending revision (recovery.ts).
const recoveredAsFailed = /^pending-(install|upgrade) interrupted: /;

function hookPhaseState(release: Release, event: HookEvent): ResumeStep['state'] {
  const hooks = hooksForEvent(release.hooks ?? [], event);
  const succeeded = hooks.filter((h) => h.last_run?.phase === 'Succeeded').length;
  return succeeded === hooks.length ? 'done' : succeeded > 0 || hooks.some((h) => h.last_run?.started_at) ? 'partly done' : 'to run';
}

/** Where an interrupted action stands; throws when the release has nothing that can be resumed. */
export async function resumePoint(ctx: ActionContext, name: string): Promise<ResumePoint> {
  const history = await ctx.storage.history(name);
  const release = history[history.length - 1];
  if (!release) throw new Error(`release "${name}" not found: nothing to resume`);
  const status = release.info.status ?? 'unknown';
  const recovered = status === 'failed' ? recoveredAsFailed.exec(release.info.description ?? '')?.[1] : undefined;
  const action = status === 'pending-install' ? 'install' : status === 'pending-upgrade' ? 'upgrade' : (recovered as ResumableAction | undefined);
  if (!action) {
    throw new Error(`nothing to resume for "${name}": revision ${release.version} is ${status} (${release.info.description ?? ''}); --resume continues an install or upgrade that was interrupted (left pending, or marked failed as interrupted)`);
  }
  const { pre, post } = events[action];
  const resourcesDone = hooksForEvent(release.hooks ?? [], post).some((h) => h.last_run?.started_at);
  const previous = action === 'upgrade'
    ? [...history].reverse().find((r) => r.version < release.version && r.info.status === 'deployed') ?? history[history.length - 2]
    : undefined;
  return {
    release, action, previous, resourcesDone,
    steps: [
      { what: `${pre} hooks`, state: hookPhaseState(release, pre) },
      { what: 'resources', state: resourcesDone ? 'done' : 'to run' },
      { what: `${post} hooks`, state: hookPhaseState(release, post) },
      { what: `record revision ${release.version} as deployed`, state: 'to run' },
    ],
  };
}

export async function resumeRelease(ctx: ActionContext, name: string, options: CommonActionOptions): Promise<Release> {
  const point = await resumePoint(ctx, name);
  const { release, action, previous } = point;
  const { pre, post, preFailed, postFailed } = events[action];
  release.info.status = `pending-${action}`;
  release.info.description = `Resuming the interrupted ${action}`;
  await ctx.storage.update(release);
  ctx.emit({ type: 'action-started', action, release: name, namespace: release.namespace, revision: release.version });
  const phase = { ...options, resume: true };
  const target = manifestObjects(release.manifest).map((o) => markOwned(o, name, release.namespace));
  try {
    if (!options.noHooks) await prefixed(preFailed, runHookPhase(ctx, release, pre, phase));
    if (!point.resourcesDone) {
      ctx.emit({ type: 'resources-applying', count: target.length, verb: action === 'install' ? 'create' : 'update' });
      if (action === 'install') await applyInOrder(ctx, target, release.manifest, options);
      else await updateInOrder(ctx, manifestObjects(previous?.manifest), target, release.manifest, options);
    }
    if (options.wait) await waitForResources(ctx, target, options);
    if (!options.noHooks) await prefixed(postFailed, runHookPhase(ctx, release, post, phase));
  } catch (err) {
    release.info.status = 'failed';
    release.info.description = `${action === 'install' ? 'Release' : 'Upgrade'} "${name}" failed: ${(err as Error).message}`;
    await ctx.storage.update(release);
    ctx.emit({ type: 'release-recorded', revision: release.version, status: 'failed', description: release.info.description });
    ctx.emit({ type: 'action-finished', action, ok: false, revision: release.version, status: 'failed', error: (err as Error).message });
    throw Object.assign(new ReleaseFailedError((err as Error).message, release), { cause: err });
  }
  if (previous && previous.info.status === 'deployed') {
    previous.info.status = 'superseded';
    await ctx.storage.update(previous);
  }
  release.info.status = 'deployed';
  release.info.description = describeWithAllowedFailures(release, `${action === 'install' ? 'Install' : 'Upgrade'} complete (resumed after an interruption)`);
  await ctx.storage.update(release);
  ctx.emit({ type: 'release-recorded', revision: release.version, status: 'deployed', description: release.info.description });
  ctx.emit({ type: 'action-finished', action, ok: true, revision: release.version, status: 'deployed' });
  return release;
}
