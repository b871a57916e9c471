// The release's own resources (not hooks): parsing them from the stored manifest, marking them
// as owned by the release the way Helm does (so Helm can adopt them and we can adopt Helm's),
// and creating, updating and deleting them in kind order.
import { describeObject, parseObject, type KubeObject } from '../kube/objects.ts';
import { installOrder, sortByKind, uninstallOrder } from '../manifest/kind-order.ts';
import { resourcePolicyAnnotation } from '../manifest/hook-annotations.ts';
import { splitManifests } from '../manifest/split.ts';
import type { ActionContext } from './context.ts';

export const releaseNameAnnotation = 'meta.helm.sh/release-name';
export const releaseNamespaceAnnotation = 'meta.helm.sh/release-namespace';
export const managedByLabel = 'app.kubernetes.io/managed-by';

/** The objects of a release manifest ("---\n# Source: ..." documents), in manifest order. */
export function manifestObjects(manifest: string | undefined): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const doc of splitManifests(manifest ?? '')) {
    const source = /^# Source: (.*)$/m.exec(doc)?.[1] ?? 'manifest';
    const body = doc.replace(/^# Source: .*\n?/m, '');
    if (body.trim() === '') continue;
    objects.push(parseObject(body, source));
  }
  return objects;
}

/** Adds Helm's ownership label and annotations, which Helm checks before adopting an object. */
export function markOwned(obj: KubeObject, release: string, namespace: string): KubeObject {
  return {
    ...obj,
    metadata: {
      ...obj.metadata,
      labels: { ...(obj.metadata.labels ?? {}), [managedByLabel]: 'Helm' },
      annotations: { ...(obj.metadata.annotations ?? {}), [releaseNameAnnotation]: release, [releaseNamespaceAnnotation]: namespace },
    },
  };
}

/** Identity of an object for diffing releases: group/kind/namespace/name. */
export function objectKey(obj: KubeObject, defaultNamespace: string): string {
  const group = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '';
  return `${group}/${obj.kind}/${obj.metadata.namespace ?? defaultNamespace}/${obj.metadata.name}`;
}

/** Helm's requireValue: why a label or annotation does not hold the value a release needs, if it does not. */
function requiredValueProblem(values: Record<string, string> | undefined, key: string, wanted: string): string | undefined {
  const actual = values?.[key];
  if (actual === undefined) return `missing key "${key}": must be set to "${wanted}"`;
  return actual === wanted ? undefined : `key "${key}" must equal "${wanted}": current value is "${actual}"`;
}

/**
 * Helm's existingResourceConflict: the first object (in manifest order) that already exists but
 * belongs to no release or to another one, with every ownership problem it has; none when each
 * existing object is this release's.
 */
export async function ownershipConflict(ctx: ActionContext, objects: KubeObject[], release: string): Promise<string | undefined> {
  // Read together (one round trip for the lot, not one per object), judged in manifest order.
  const lives = await Promise.all(objects.map((obj) => ctx.objects.get(obj, ctx.namespace)));
  for (const [i, obj] of objects.entries()) {
    const live = lives[i];
    if (!live) continue;
    const { labels, annotations } = live.metadata;
    const problems = [
      ['label', requiredValueProblem(labels, managedByLabel, 'Helm')],
      ['annotation', requiredValueProblem(annotations, releaseNameAnnotation, release)],
      ['annotation', requiredValueProblem(annotations, releaseNamespaceAnnotation, ctx.namespace)],
    ].filter(([, problem]) => problem !== undefined).map(([where, problem]) => `${where} validation error: ${problem}`);
    if (problems.length === 0) continue;
    const what = `${obj.kind} "${obj.metadata.name}" in namespace "${live.metadata.namespace ?? ''}"`;
    return `${what} exists and cannot be imported into the current release: invalid ownership metadata; ${problems.join('; ')}`;
  }
  return undefined;
}

/** Creates or server-side applies objects in install order. */
export async function applyObjects(ctx: ActionContext, objects: KubeObject[], serverSideApply: boolean, forceConflicts = false): Promise<KubeObject[]> {
  const applied: KubeObject[] = [];
  for (const obj of sortByKind(objects, (o) => o.kind, installOrder)) {
    const existed = serverSideApply ? (await ctx.objects.get(obj, ctx.namespace)) !== null : false;
    if (serverSideApply) await ctx.objects.apply(obj, ctx.namespace, { fieldManager: ctx.fieldManager, force: forceConflicts });
    else await ctx.objects.create(obj, ctx.namespace);
    ctx.emit({ type: 'resource-applied', kind: obj.kind, name: obj.metadata.name, namespace: obj.metadata.namespace ?? ctx.namespace, verb: existed ? 'updated' : 'created' });
    if (!existed) applied.push(obj);
  }
  return applied;
}

/** Whether an object asks to outlive its release (helm.sh/resource-policy: keep). */
export function isKept(obj: KubeObject): boolean {
  return obj.metadata.annotations?.[resourcePolicyAnnotation]?.trim().toLowerCase() === 'keep';
}

/** Deletes objects in uninstall order, skipping kept ones; returns error texts for those that failed. */
export async function deleteObjects(ctx: ActionContext, objects: KubeObject[], propagation: 'Background' | 'Foreground' | 'Orphan'): Promise<string[]> {
  const errors: string[] = [];
  for (const obj of sortByKind(objects, (o) => o.kind, uninstallOrder)) {
    if (isKept(obj)) {
      ctx.emit({ type: 'resource-applied', kind: obj.kind, name: obj.metadata.name, namespace: obj.metadata.namespace ?? ctx.namespace, verb: 'kept' });
      continue;
    }
    try {
      await ctx.objects.delete(obj, ctx.namespace, propagation);
      ctx.emit({ type: 'resource-applied', kind: obj.kind, name: obj.metadata.name, namespace: obj.metadata.namespace ?? ctx.namespace, verb: 'deleted' });
    } catch (err) {
      errors.push(`${describeObject(obj)}: ${(err as Error).message}`);
    }
  }
  return errors;
}

/**
 * Moves the cluster from one release's objects to the next one's (Helm's kube Update): every
 * target object applied (created if new), every object only in `current` deleted unless kept.
 * Returns the objects that were newly created, for --cleanup-on-fail.
 */
export async function updateObjects(
  ctx: ActionContext, current: KubeObject[], target: KubeObject[],
  options: { serverSideApply: boolean; forceConflicts?: boolean; forceReplace?: boolean },
): Promise<KubeObject[]> {
  // Helm refuses these combinations before touching any object (after pre-upgrade hooks).
  if (options.forceConflicts && options.forceReplace) throw new Error('invalid operation: cannot use force conflicts and force replace together');
  if (options.serverSideApply && options.forceReplace) throw new Error('invalid operation: cannot use server-side apply and force replace together');
  const created: KubeObject[] = [];
  const targetKeys = new Set(target.map((o) => objectKey(o, ctx.namespace)));
  for (const obj of sortByKind(target, (o) => o.kind, installOrder)) {
    const live = await ctx.objects.get(obj, ctx.namespace);
    if (live && options.forceReplace) {
      // Helm replaces in place (PUT of the whole object), so the object keeps its uid.
      await ctx.objects.replace(obj, ctx.namespace, String(live.metadata.resourceVersion ?? ''));
    } else if (live || options.serverSideApply) {
      await ctx.objects.apply(obj, ctx.namespace, { fieldManager: ctx.fieldManager, force: options.forceConflicts ?? !options.serverSideApply });
    } else {
      await ctx.objects.create(obj, ctx.namespace);
    }
    if (!live) created.push(obj);
    ctx.emit({ type: 'resource-applied', kind: obj.kind, name: obj.metadata.name, namespace: obj.metadata.namespace ?? ctx.namespace, verb: live ? 'updated' : 'created' });
  }
  const removed = current.filter((o) => !targetKeys.has(objectKey(o, ctx.namespace)));
  const errors = await deleteObjects(ctx, removed, 'Background');
  if (errors.length > 0) throw new Error(`failed to delete resources no longer in the release: ${errors.join('; ')}`);
  return created;
}
