// `install`: records the release as pending-install, runs pre-install hooks, creates the
// resources, optionally waits, runs post-install hooks and marks the release deployed; any
// failure marks it failed with Helm's description (or uninstalls it with --rollback-on-failure).
import type { ActionContext } from './context.ts';
import type { CommonActionOptions, ReleaseContent } from './content.ts';
import { validateReleaseName } from '../render/release-name.ts';
import { releaseNameCheckError } from '../render/template-command.ts';
import { UnknownKindError } from '../kube/discovery.ts';
import type { KubeObject } from '../kube/objects.ts';
import { describeWithAllowedFailures } from './hook-allow-failure.ts';
import { applyInOrder, checkHooklineAnnotations } from './ordered-apply.ts';
import { runHookPhase } from './hooks.ts';
import type { Release } from './record.ts';
import { manifestObjects, markOwned, ownershipConflict } from './resources.ts';
import { revisionRecord } from './revision.ts';
import { uninstallRelease } from './uninstall.ts';
import { waitForResources } from './wait.ts';

export interface InstallOptions extends CommonActionOptions {
  name: string;
  createNamespace: boolean;  // --create-namespace
  replace: boolean;          // --replace
  rollbackOnFailure: boolean; // --rollback-on-failure (Helm 3: --atomic)
  dryRun: 'none' | 'client' | 'server';
  labels?: Record<string, string>;
  /** --take-ownership: objects another release (or no release) owns are adopted, not refused. */
  takeOwnership?: boolean;
}

export class ReleaseFailedError extends Error {
  readonly release: Release;
  constructor(message: string, release: Release) {
    super(message);
    this.release = release;
  }
}

/** The release a --replace install replaces, if any; a name still in use is refused (callers add helm's prefix and log line). */
export async function checkNameAvailable(ctx: ActionContext, name: string, replace: boolean): Promise<Release | undefined> {
  const history = await ctx.storage.history(name);
  if (history.length === 0) return undefined;
  const last = history[history.length - 1];
  if (replace && (last.info.status === 'uninstalled' || last.info.status === 'failed')) return last;
  throw new Error('cannot reuse a name that is still in use');
}

/**
 * The release namespace, created with --create-namespace (as Helm does, labelled with its
 * name), otherwise required to exist. The CLI calls this before it takes the release lock,
 * which is a Lease in that namespace.
 */
export async function prepareNamespace(ctx: ActionContext, createNamespace: boolean): Promise<void> {
  if (createNamespace) {
    try {
      await ctx.client.request('POST', '/api/v1/namespaces', {
        body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ctx.namespace, labels: { name: ctx.namespace } } },
      });
    } catch (err) {
      if ((err as { status?: number }).status !== 409) throw err;
    }
    return;
  }
  try {
    await ctx.client.request('GET', `/api/v1/namespaces/${encodeURIComponent(ctx.namespace)}`);
  } catch (err) {
    const status = (err as { status?: number }).status;
    if (status === 404) throw new Error(`create: failed to create: namespaces "${ctx.namespace}" not found`);
    // A user allowed into the namespace but not to read Namespace objects: helm asks nothing here either.
    if (status !== 403) throw err;
  }
}

export async function installRelease(ctx: ActionContext, content: ReleaseContent, options: InstallOptions): Promise<Release> {
  checkHooklineAnnotations(content);
  // As helm: a dry run does not look for an earlier release of the name.
  validateReleaseName(options.name);
  const replaced = options.dryRun === 'none' ? await checkNameAvailable(ctx, options.name, options.replace).catch((err: Error) => { throw releaseNameCheckError(err); }) : undefined;
  const release = revisionRecord({
    name: options.name, namespace: ctx.namespace, version: replaced ? replaced.version + 1 : 1,
    status: 'pending-install', description: 'Initial install underway', content, serverSideApply: options.serverSideApply, labels: options.labels,
  });
  const objects = manifestObjects(content.manifest).map((o) => markOwned(o, options.name, ctx.namespace));
  if (options.dryRun === 'client') return dryRunComplete(release);
  // Fails before anything is written when the namespace does not exist.
  if (options.dryRun === 'none') await prepareNamespace(ctx, options.createNamespace);
  // --dry-run=server checks the kinds and the objects' owners too, as helm's does.
  await checkKindsKnown(ctx, objects);
  const conflict = await ownershipConflict(ctx, objects, options.name).catch((err: Error) => err.message);
  if (conflict !== undefined && !options.takeOwnership) throw new Error(`unable to continue with install: ${conflict}`);
  if (options.dryRun === 'server') return dryRunComplete(release);
  if (replaced && replaced.info.status !== 'failed') {
    replaced.info.status = 'superseded';
    replaced.info.description = 'superseded by new release';
    await ctx.storage.update(replaced);
  }
  ctx.emit({ type: 'action-started', action: 'install', release: release.name, namespace: ctx.namespace, revision: release.version });
  await ctx.storage.create(release);
  ctx.emit({ type: 'release-recorded', revision: release.version, status: 'pending-install', description: release.info.description! });
  try {
    if (!options.noHooks) await prefixed('failed pre-install', runHookPhase(ctx, release, 'pre-install', options));
    ctx.emit({ type: 'resources-applying', count: objects.length, verb: 'create' });
    await applyInOrder(ctx, objects, content.manifest, options);
    if (options.wait) await waitForResources(ctx, objects, options);
    if (!options.noHooks) await prefixed('failed post-install', runHookPhase(ctx, release, 'post-install', options));
  } catch (err) {
    // An interrupted install fails as helm's does when its context is cancelled.
    return failInstall(ctx, release, ctx.signal?.aborted ? new Error('context canceled', { cause: err }) : err as Error, options);
  }
  release.info.status = 'deployed';
  release.info.description = describeWithAllowedFailures(release, options.description || 'Install complete');
  await ctx.storage.update(release);
  ctx.emit({ type: 'release-recorded', revision: release.version, status: 'deployed', description: release.info.description });
  ctx.emit({ type: 'action-finished', action: 'install', ok: true, revision: release.version, status: 'deployed' });
  return release;
}

function dryRunComplete(release: Release): Release {
  release.info.description = 'Dry run complete';
  return release;
}

/** As helm's building of the manifest: every kind must be served (its CRD installed), else nothing is written. */
async function checkKindsKnown(ctx: ActionContext, objects: KubeObject[]): Promise<void> {
  for (const obj of objects) {
    await ctx.objects.discovery.resolve(obj.apiVersion, obj.kind).catch((err: Error) => {
      if (!(err instanceof UnknownKindError)) throw err;
      throw new Error(`unable to build kubernetes objects from release manifest: resource mapping not found for name: "${obj.metadata.name}" namespace: "${obj.metadata.namespace ?? ''}" from "": ${err.message}`, { cause: err });
    });
  }
}

/** Re-throws a step's error with Helm's prefix for that step, keeping the original as cause. */
export async function prefixed<T>(prefix: string, step: Promise<T>): Promise<T> {
  try {
    return await step;
  } catch (err) {
    throw Object.assign(new Error(`${prefix}: ${(err as Error).message}`, { cause: err }), { hook: (err as { hook?: unknown }).hook, failure: (err as { failure?: unknown }).failure });
  }
}

async function failInstall(ctx: ActionContext, release: Release, err: Error, options: InstallOptions): Promise<never> {
  release.info.status = 'failed';
  release.info.description = `Release "${release.name}" failed: ${err.message}`;
  if (options.rollbackOnFailure) {
    try {
      await uninstallRelease(ctx, { name: release.name, noHooks: options.noHooks, keepHistory: false, timeoutMs: options.timeoutMs, wait: options.wait, cascade: 'background' });
    } catch (uninstallErr) {
      throw new ReleaseFailedError(`an error occurred while uninstalling the release. original install error: ${err.message}: ${(uninstallErr as Error).message}`, release);
    }
    ctx.emit({ type: 'action-finished', action: 'install', ok: false, revision: release.version, error: err.message });
    throw new ReleaseFailedError(`release ${release.name} failed, and has been uninstalled due to rollback-on-failure being set: ${err.message}`, release);
  }
  await ctx.storage.update(release);
  ctx.emit({ type: 'release-recorded', revision: release.version, status: 'failed', description: release.info.description });
  ctx.emit({ type: 'action-finished', action: 'install', ok: false, revision: release.version, status: 'failed', error: err.message });
  throw Object.assign(new ReleaseFailedError(err.message, release), { cause: err });
}
