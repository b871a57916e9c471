// `rollback`: a new revision carrying an earlier revision's chart, values, manifest and hooks;
// pre-rollback hooks, the resources moved back, post-rollback hooks, earlier deployed
// revisions superseded.
//
// Intended difference from Helm: when a rollback hook fails Helm leaves the new revision
// "pending-rollback" (which blocks every later upgrade until someone edits the history);
// Hookline records it as failed with the reason, so the release never stays stuck.
import type { ActionContext } from './context.ts';
import type { CommonActionOptions } from './content.ts';
import { validateReleaseName } from '../render/release-name.ts';
import { describeWithAllowedFailures } from './hook-allow-failure.ts';
import { runHookPhase } from './hooks.ts';
import { updateInOrder } from './ordered-apply.ts';
import { ReleaseFailedError, prefixed } from './install.ts';
import { assertNotPending } from './pending.ts';
import type { Release } from './record.ts';
import { manifestObjects, markOwned } from './resources.ts';
import { revisionRecord } from './revision.ts';
import { waitForResources } from './wait.ts';

export interface RollbackOptions extends CommonActionOptions {
  name: string;
  /** Revision to roll back to; 0 means the previous one. */
  revision: number;
  forceReplace: boolean;
  forceConflicts: boolean;
  cleanupOnFail: boolean;
  dryRun: boolean;
}

export async function rollbackRelease(ctx: ActionContext, options: RollbackOptions): Promise<Release> {
  try {
    validateReleaseName(options.name);
  } catch {
    throw new Error(`prepareRollback: Release name is invalid: ${options.name}`);
  }
  if (options.revision < 0) throw new Error('invalid release revision');
  const current = await ctx.storage.last(options.name);
  assertNotPending(current);
  const targetRevision = options.revision === 0 ? current.version - 1 : options.revision;
  const history = await ctx.storage.history(options.name);
  const previous = history.find((r) => r.version === targetRevision);
  if (!previous) throw new Error(`release has no ${targetRevision} version`);
  const target = revisionRecord({
    name: options.name, namespace: current.namespace, version: current.version + 1, firstDeployed: current.info.first_deployed,
    status: 'pending-rollback', description: `Rollback to ${targetRevision}`,
    content: { ...previous, notes: previous.info.notes }, serverSideApply: options.serverSideApply, labels: previous.labels,
  });
  if (options.dryRun) return target;
  ctx.emit({ type: 'action-started', action: 'rollback', release: target.name, namespace: target.namespace, revision: target.version });
  await ctx.storage.create(target);
  ctx.emit({ type: 'release-recorded', revision: target.version, status: 'pending-rollback', description: target.info.description! });
  const currentObjects = manifestObjects(current.manifest);
  const targetObjects = manifestObjects(target.manifest).map((o) => markOwned(o, target.name, target.namespace));
  const fail = async (err: Error, description: string): Promise<never> => {
    target.info.status = 'failed';
    target.info.description = description;
    await ctx.storage.update(target);
    ctx.emit({ type: 'release-recorded', revision: target.version, status: 'failed', description });
    ctx.emit({ type: 'action-finished', action: 'rollback', ok: false, revision: target.version, status: 'failed', error: err.message });
    throw Object.assign(new ReleaseFailedError(err.message, target), { cause: err });
  };
  if (!options.noHooks) {
    try {
      await prefixed('pre-rollback hooks failed', runHookPhase(ctx, target, 'pre-rollback', options));
    } catch (err) {
      return fail(err as Error, `Rollback "${target.name}" failed: ${(err as Error).message}`);
    }
  }
  let created: typeof targetObjects = [];
  try {
    created = await updateInOrder(ctx, currentObjects, targetObjects, target.manifest, options);
  } catch (err) {
    current.info.status = 'superseded';
    await ctx.storage.update(current);
    if (options.cleanupOnFail) for (const obj of created) await ctx.objects.delete(obj, ctx.namespace);
    return fail(err as Error, `Rollback "${target.name}" failed: ${(err as Error).message}`);
  }
  if (options.wait) {
    try {
      await waitForResources(ctx, targetObjects, options);
    } catch (err) {
      return fail(new Error(`release ${target.name} failed: ${(err as Error).message}`), `Release "${target.name}" failed: ${(err as Error).message}`);
    }
  }
  if (!options.noHooks) {
    try {
      await prefixed('post-rollback hooks failed', runHookPhase(ctx, target, 'post-rollback', options));
    } catch (err) {
      return fail(err as Error, `Rollback "${target.name}" failed: ${(err as Error).message}`);
    }
  }
  for (const r of await ctx.storage.history(options.name)) {
    if (r.version !== target.version && r.info.status === 'deployed') {
      r.info.status = 'superseded';
      await ctx.storage.update(r);
    }
  }
  target.info.status = 'deployed';
  target.info.description = describeWithAllowedFailures(target, target.info.description ?? '');
  await ctx.storage.update(target);
  ctx.emit({ type: 'release-recorded', revision: target.version, status: 'deployed', description: target.info.description! });
  ctx.emit({ type: 'action-finished', action: 'rollback', ok: true, revision: target.version, status: 'deployed' });
  return target;
}
