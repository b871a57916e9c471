// `uninstall`: marks the release uninstalling, runs pre-delete hooks, deletes its resources in
// uninstall order (keeping helm.sh/resource-policy: keep), runs post-delete hooks, then purges
// the history or, with --keep-history, records it as uninstalled.
//
// One intended difference from Helm: when a pre-delete hook fails nothing has been deleted, so
// Hookline puts the release back to its previous status (deployed) with the failure in its
// description, where Helm leaves it "uninstalling" and the user has to clean up.
import { waitSignal, type ActionContext } from './context.ts';
import { runHookPhase } from './hooks.ts';
import type { Release } from './record.ts';
import { deleteObjects, isKept, manifestObjects } from './resources.ts';
import { timestampNow } from '../gotime/timestamps.ts';

export interface UninstallOptions {
  name: string;
  noHooks: boolean;
  keepHistory: boolean;                          // --keep-history
  cascade: 'background' | 'foreground' | 'orphan'; // --cascade
  wait: boolean;
  timeoutMs: number;
  description?: string;
  dryRun?: boolean;
  ignoreNotFound?: boolean;
}

export interface UninstallResult {
  release: Release;
  /** Helm's "These resources were kept due to the resource policy:" listing, or empty. */
  kept: string;
}

const propagation = { background: 'Background', foreground: 'Foreground', orphan: 'Orphan' } as const;

export async function uninstallRelease(ctx: ActionContext, options: UninstallOptions): Promise<UninstallResult | undefined> {
  const history = await ctx.storage.history(options.name);
  if (history.length === 0) {
    if (options.ignoreNotFound) return undefined;
    throw new Error(`uninstall: Release not loaded: ${options.name}: release: not found`);
  }
  const release = history[history.length - 1];
  if (release.info.status === 'uninstalled') {
    if (!options.keepHistory) {
      for (const r of history) await ctx.storage.delete(r.name, r.version);
      return { release, kept: '' };
    }
    throw new Error(`the release named "${options.name}" is already deleted`);
  }
  if (options.dryRun) return { release, kept: '' };
  const before = { status: release.info.status, description: release.info.description };
  ctx.emit({ type: 'action-started', action: 'uninstall', release: release.name, namespace: release.namespace, revision: release.version });
  release.info.status = 'uninstalling';
  release.info.deleted = timestampNow();
  release.info.description = 'Deletion in progress (or silently failed)';
  const hookOptions = { timeoutMs: options.timeoutMs, serverSideApply: true };
  if (!options.noHooks) {
    try {
      await runHookPhase(ctx, release, 'pre-delete', hookOptions);
    } catch (err) {
      release.info.status = before.status;
      release.info.description = `Uninstall "${release.name}" failed: pre-delete hooks failed: ${(err as Error).message}`;
      delete release.info.deleted;
      await ctx.storage.update(release);
      ctx.emit({ type: 'release-recorded', revision: release.version, status: release.info.status ?? 'unknown', description: release.info.description });
      ctx.emit({ type: 'action-finished', action: 'uninstall', ok: false, revision: release.version, status: release.info.status, error: (err as Error).message });
      throw err;
    }
  }
  await ctx.storage.update(release);
  const objects = manifestObjects(release.manifest);
  const keptObjects = objects.filter(isKept);
  const errors: string[] = [];
  ctx.emit({ type: 'resources-applying', count: objects.length - keptObjects.length, verb: 'delete' });
  const deleteErrors = await deleteObjects(ctx, objects, propagation[options.cascade]);
  if (deleteErrors.length > 0) throw new Error(`failed to delete release: ${options.name}`);
  if (options.wait) {
    for (const obj of objects.filter((o) => !isKept(o))) {
      const signal = waitSignal(ctx, options.timeoutMs);
      try {
        await ctx.objects.waitForDeletion(obj, ctx.namespace, signal);
      } catch (err) {
        errors.push(signal.aborted ? `resource ${obj.kind}/${obj.metadata.name} still exists: context deadline exceeded` : (err as Error).message);
      }
    }
  }
  if (!options.noHooks) {
    try {
      await runHookPhase(ctx, release, 'post-delete', hookOptions);
    } catch (err) {
      errors.push((err as Error).message);
    }
  }
  release.info.status = 'uninstalled';
  release.info.description = options.description || 'Uninstallation complete';
  if (!options.keepHistory) {
    for (const r of history) await ctx.storage.delete(r.name, r.version);
  } else {
    await ctx.storage.update(release);
    for (const r of history) {
      if (r.version !== release.version && r.info.status === 'deployed') {
        r.info.status = 'superseded';
        await ctx.storage.update(r);
      }
    }
  }
  ctx.emit({ type: 'action-finished', action: 'uninstall', ok: errors.length === 0, revision: release.version, status: 'uninstalled', error: errors.join('; ') || undefined });
  if (errors.length > 0) throw new Error(`uninstallation completed with ${errors.length} error(s): ${errors.join('; ')}`);
  const kept = keptObjects.length === 0 ? ''
    : `These resources were kept due to the resource policy:\n${keptObjects.map((o) => `[${o.kind}] ${o.metadata.name}\n`).join('')}`;
  return { release, kept };
}
