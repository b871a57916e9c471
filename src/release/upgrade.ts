// `upgrade`: a new pending-upgrade revision; pre-upgrade hooks, the resources moved from the
// deployed revision's objects to the new ones, optional wait, post-upgrade hooks; then the
// previous revision is superseded and the new one deployed. A failure marks the new revision
// failed (the previous one stays deployed) and, with --rollback-on-failure, rolls back to the
// last successful revision.
import type { ActionContext } from './context.ts';
import type { CommonActionOptions, ReleaseContent } from './content.ts';
import { validateReleaseName } from '../render/release-name.ts';
import { describeWithAllowedFailures } from './hook-allow-failure.ts';
import { checkHooklineAnnotations, updateInOrder } from './ordered-apply.ts';
import { runHookPhase } from './hooks.ts';
import { ReleaseFailedError, prefixed } from './install.ts';
import { assertNotPending } from './pending.ts';
import type { Release } from './record.ts';
import { manifestObjects, markOwned, ownershipConflict, objectKey, updateObjects } from './resources.ts';
import { rollbackRelease } from './rollback.ts';
import { revisionRecord } from './revision.ts';
import { waitForResources } from './wait.ts';

export interface UpgradeOptions extends CommonActionOptions {
  name: string;
  rollbackOnFailure: boolean; // --rollback-on-failure (Helm 3: --atomic)
  cleanupOnFail: boolean;     // --cleanup-on-fail
  forceReplace: boolean;      // --force-replace (Helm 3: --force)
  forceConflicts: boolean;    // --force-conflicts
  dryRun: boolean;
  labels?: Record<string, string>;
  /** --take-ownership: objects another release (or no release) owns are adopted, not refused. */
  takeOwnership?: boolean;
  /**
   * Hookline option for the lesson's semantics: a failed post-upgrade hook leaves the new
   * revision deployed with a warning instead of failing it (Helm fails it).
   */
  postHookFailureIsWarning?: boolean;
}

export interface UpgradeResult {
  release: Release;
  /** Set when a post-upgrade hook failed and postHookFailureIsWarning kept the release deployed. */
  warning?: string;
}

/** The revision an upgrade starts from: the deployed one, or the latest failed/superseded one. */
export async function upgradeBase(ctx: ActionContext, name: string): Promise<{ last: Release; current: Release }> {
  validateReleaseName(name);
  const history = await ctx.storage.history(name);
  if (history.length === 0) throw new Error(`"${name}" has no deployed releases`);
  const last = history[history.length - 1];
  assertNotPending(last);
  const deployed = [...history].reverse().find((r) => r.info.status === 'deployed');
  if (deployed) return { last, current: deployed };
  if (last.info.status === 'failed' || last.info.status === 'superseded') return { last, current: last };
  throw new Error(`"${name}" has no deployed releases`);
}

export async function upgradeRelease(ctx: ActionContext, content: ReleaseContent, options: UpgradeOptions): Promise<UpgradeResult> {
  checkHooklineAnnotations(content);
  const { last, current } = await upgradeBase(ctx, options.name);
  const release = revisionRecord({
    name: options.name, namespace: current.namespace, version: last.version + 1, firstDeployed: current.info.first_deployed,
    status: 'pending-upgrade', description: 'Preparing upgrade', content, serverSideApply: options.serverSideApply,
    labels: { ...(last.labels ?? {}), ...(options.labels ?? {}) },
  });
  const currentObjects = manifestObjects(current.manifest);
  const targetObjects = manifestObjects(content.manifest).map((o) => markOwned(o, options.name, release.namespace));
  const existingKeys = new Set(currentObjects.map((o) => objectKey(o, ctx.namespace)));
  const newObjects = targetObjects.filter((o) => !existingKeys.has(objectKey(o, ctx.namespace)));
  const conflict = await ownershipConflict(ctx, newObjects, options.name);
  if (conflict !== undefined && !options.takeOwnership) throw new Error(`unable to continue with update: ${conflict}`);
  if (options.dryRun) {
    release.info.description = options.description || 'Dry run complete';
    return { release };
  }
  ctx.emit({ type: 'action-started', action: 'upgrade', release: release.name, namespace: release.namespace, revision: release.version });
  await ctx.storage.create(release);
  ctx.emit({ type: 'release-recorded', revision: release.version, status: 'pending-upgrade', description: 'Preparing upgrade' });
  let created: typeof targetObjects = [];
  try {
    if (!options.noHooks) await prefixed('pre-upgrade hooks failed', runHookPhase(ctx, release, 'pre-upgrade', options));
    ctx.emit({ type: 'resources-applying', count: targetObjects.length, verb: 'update' });
    created = await updateInOrder(ctx, currentObjects, targetObjects, content.manifest, options);
    if (options.wait) await waitForResources(ctx, targetObjects, options);
  } catch (err) {
    return failUpgrade(ctx, release, err as Error, created, options);
  }
  let warning: string | undefined;
  if (!options.noHooks) {
    try {
      await prefixed('post-upgrade hooks failed', runHookPhase(ctx, release, 'post-upgrade', options));
    } catch (err) {
      if (!options.postHookFailureIsWarning) return failUpgrade(ctx, release, err as Error, created, options);
      warning = (err as Error).message;
    }
  }
  current.info.status = 'superseded';
  await ctx.storage.update(current);
  release.info.status = 'deployed';
  release.info.description = describeWithAllowedFailures(release, options.description || (warning ? `Upgrade complete with a warning: ${warning}` : 'Upgrade complete'));
  await ctx.storage.update(release);
  ctx.emit({ type: 'release-recorded', revision: release.version, status: 'deployed', description: release.info.description });
  ctx.emit({ type: 'action-finished', action: 'upgrade', ok: true, revision: release.version, status: 'deployed', error: warning });
  return { release, warning };
}

async function failUpgrade(ctx: ActionContext, release: Release, err: Error, created: Parameters<typeof updateObjects>[1], options: UpgradeOptions): Promise<never> {
  release.info.status = 'failed';
  release.info.description = `Upgrade "${release.name}" failed: ${err.message}`;
  await ctx.storage.update(release);
  ctx.emit({ type: 'release-recorded', revision: release.version, status: 'failed', description: release.info.description });
  if (options.cleanupOnFail) for (const obj of created) await ctx.objects.delete(obj, ctx.namespace);
  if (options.rollbackOnFailure) {
    const history = await ctx.storage.history(release.name);
    const good = history.filter((r) => r.info.status === 'superseded' || r.info.status === 'deployed');
    if (good.length === 0) {
      throw new ReleaseFailedError(`unable to find a previously successful release when attempting to rollback. original upgrade error: ${err.message}`, release);
    }
    try {
      await rollbackRelease(ctx, {
        name: release.name, revision: good[good.length - 1].version, noHooks: options.noHooks, wait: options.wait,
        waitForJobs: options.waitForJobs, timeoutMs: options.timeoutMs, serverSideApply: options.serverSideApply,
        forceReplace: options.forceReplace, forceConflicts: options.forceConflicts, cleanupOnFail: false, dryRun: false,
      });
    } catch (rollErr) {
      throw new ReleaseFailedError(`an error occurred while rolling back the release. original upgrade error: ${err.message}: ${(rollErr as Error).message}`, release);
    }
    ctx.emit({ type: 'action-finished', action: 'upgrade', ok: false, revision: release.version, status: 'failed', error: err.message });
    throw Object.assign(new ReleaseFailedError(`release ${release.name} failed, and has been rolled back due to rollback-on-failure being set: ${err.message}`, release), { cause: err });
  }
  ctx.emit({ type: 'action-finished', action: 'upgrade', ok: false, revision: release.version, status: 'failed', error: err.message });
  throw Object.assign(new ReleaseFailedError(err.message, release), { cause: err });
}
