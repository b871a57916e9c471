// Applies a release's resources in the steps hookline.dev/wave and hookline.dev/depends-on ask
// for, waiting for each step to be ready before the next. A release without these annotations
// goes through Helm's single apply unchanged.
import type { KubeObject } from '../kube/objects.ts';
import { hasResourceOrder, resourceSteps, type OrderStep } from '../manifest/resource-order.ts';
import { splitManifests } from '../manifest/split.ts';
import type { ActionContext } from './context.ts';
import type { Hook } from './record.ts';
import { checkHookControl } from './hook-control.ts';
import { applyObjects, deleteObjects, manifestObjects, objectKey, updateObjects } from './resources.ts';
import { waitForResources } from './wait.ts';

/** The ordered steps of a manifest's resources, or undefined when none asks for an order. */
export function manifestSteps(manifest: string | undefined): Array<OrderStep<KubeObject>> | undefined {
  const items = splitManifests(manifest ?? '').flatMap((doc) => {
    const source = /^# Source: (.*)$/m.exec(doc)?.[1] ?? 'manifest';
    return manifestObjects(doc).map((obj) => ({ item: obj, kind: obj.kind, name: obj.metadata.name, annotations: obj.metadata.annotations, source }));
  });
  return hasResourceOrder(items) ? resourceSteps(items) : undefined;
}

/** Throws the first unusable hookline.dev/ annotation of a revision, before an action records anything. */
export function checkHooklineAnnotations(content: { hooks: readonly Hook[]; manifest: string }): void {
  checkHookControl(content.hooks);
  manifestSteps(content.manifest);
}

/** Steps of the given objects as ordered by the manifest (objects are matched by identity key). */
function stepsOf(ctx: ActionContext, objects: KubeObject[], manifest: string | undefined): KubeObject[][] | undefined {
  const steps = manifestSteps(manifest);
  if (!steps) return undefined;
  const byKey = new Map(objects.map((o) => [objectKey(o, ctx.namespace), o]));
  return steps.map((s) => s.items.map((o) => byKey.get(objectKey(o, ctx.namespace))).filter((o): o is KubeObject => o !== undefined));
}

interface OrderOptions { serverSideApply: boolean; timeoutMs: number; forceConflicts?: boolean; forceReplace?: boolean }

async function readyBeforeNext(ctx: ActionContext, step: KubeObject[], isLast: boolean, options: OrderOptions): Promise<void> {
  // A Job a resource depends on has to have completed, not only to exist.
  if (!isLast) await waitForResources(ctx, step, { timeoutMs: options.timeoutMs, waitForJobs: true });
}

/** Install: creates the objects, step by step when the manifest orders them. */
export async function applyInOrder(ctx: ActionContext, objects: KubeObject[], manifest: string | undefined, options: OrderOptions): Promise<KubeObject[]> {
  const steps = stepsOf(ctx, objects, manifest);
  if (!steps) return applyObjects(ctx, objects, options.serverSideApply);
  const applied: KubeObject[] = [];
  for (const [i, step] of steps.entries()) {
    applied.push(...await applyObjects(ctx, step, options.serverSideApply));
    await readyBeforeNext(ctx, step, i === steps.length - 1, options);
  }
  return applied;
}

/** Upgrade and rollback: moves to the target objects step by step, then deletes what the target no longer has. */
export async function updateInOrder(ctx: ActionContext, current: KubeObject[], target: KubeObject[], manifest: string | undefined, options: OrderOptions): Promise<KubeObject[]> {
  const steps = stepsOf(ctx, target, manifest);
  if (!steps) return updateObjects(ctx, current, target, options);
  const created: KubeObject[] = [];
  for (const [i, step] of steps.entries()) {
    created.push(...await updateObjects(ctx, [], step, options));
    await readyBeforeNext(ctx, step, i === steps.length - 1, options);
  }
  const targetKeys = new Set(target.map((o) => objectKey(o, ctx.namespace)));
  const errors = await deleteObjects(ctx, current.filter((o) => !targetKeys.has(objectKey(o, ctx.namespace))), 'Background');
  if (errors.length > 0) throw new Error(`failed to delete resources no longer in the release: ${errors.join('; ')}`);
  return created;
}
