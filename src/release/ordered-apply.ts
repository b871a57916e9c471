// Applies a release's resources in the steps hookline.dev/wave and hookline.dev/depends-on ask
// for, waiting for each step to be ready before the next; a release without these annotations is
// one step, as in Helm. Within a step objects go in kind order, those of one kind together (as
// Helm's batchPerform starts them), a few at a time.
import type { KubeObject } from '../kube/objects.ts';
import { installOrder, sortByKind } from '../manifest/kind-order.ts';
import { hasResourceOrder, resourceSteps, type OrderStep } from '../manifest/resource-order.ts';
import { splitManifests } from '../manifest/split.ts';
import type { ActionContext } from './context.ts';
import type { Hook } from './record.ts';
import { runLimited } from './hook-batches.ts';
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

/** Objects of one kind applied at the same time. */
const sameKindAtOnce = 8;

/** Steps of the given objects as ordered by the manifest (matched by identity key); one step when unordered. */
function stepsOf(ctx: ActionContext, objects: KubeObject[], manifest: string | undefined): KubeObject[][] {
  const steps = manifestSteps(manifest);
  if (!steps) return [objects];
  const byKey = new Map(objects.map((o) => [objectKey(o, ctx.namespace), o]));
  return steps.map((s) => s.items.map((o) => byKey.get(objectKey(o, ctx.namespace))).filter((o): o is KubeObject => o !== undefined));
}

/** Applies the objects of a step kind by kind in install order, the objects of one kind together. */
async function byKind(objects: KubeObject[], apply: (obj: KubeObject) => Promise<KubeObject[]>): Promise<KubeObject[]> {
  const kinds: KubeObject[][] = [];
  for (const obj of sortByKind(objects, (o) => o.kind, installOrder)) {
    const last = kinds[kinds.length - 1];
    if (last && last[0].kind === obj.kind) last.push(obj);
    else kinds.push([obj]);
  }
  const applied: KubeObject[] = [];
  for (const group of kinds) applied.push(...(await runLimited(group, sameKindAtOnce, apply)).flat());
  return applied;
}

interface OrderOptions { serverSideApply: boolean; timeoutMs: number; forceConflicts?: boolean; forceReplace?: boolean }

async function readyBeforeNext(ctx: ActionContext, step: KubeObject[], isLast: boolean, options: OrderOptions): Promise<void> {
  // A Job a resource depends on has to have completed, not only to exist.
  if (!isLast) await waitForResources(ctx, step, { timeoutMs: options.timeoutMs, waitForJobs: true });
}

/** Install: creates the objects, step by step when the manifest orders them. */
export async function applyInOrder(ctx: ActionContext, objects: KubeObject[], manifest: string | undefined, options: OrderOptions): Promise<KubeObject[]> {
  const steps = stepsOf(ctx, objects, manifest);
  const applied: KubeObject[] = [];
  for (const [i, step] of steps.entries()) {
    applied.push(...await byKind(step, (obj) => applyObjects(ctx, [obj], options.serverSideApply)));
    await readyBeforeNext(ctx, step, i === steps.length - 1, options);
  }
  return applied;
}

/** Upgrade and rollback: moves to the target objects step by step, then deletes what the target no longer has. */
export async function updateInOrder(ctx: ActionContext, current: KubeObject[], target: KubeObject[], manifest: string | undefined, options: OrderOptions): Promise<KubeObject[]> {
  const steps = stepsOf(ctx, target, manifest);
  const created: KubeObject[] = [];
  for (const [i, step] of steps.entries()) {
    created.push(...await byKind(step, (obj) => updateObjects(ctx, [], [obj], options)));
    await readyBeforeNext(ctx, step, i === steps.length - 1, options);
  }
  const targetKeys = new Set(target.map((o) => objectKey(o, ctx.namespace)));
  const errors = await deleteObjects(ctx, current.filter((o) => !targetKeys.has(objectKey(o, ctx.namespace))), 'Background');
  if (errors.length > 0) throw new Error(`failed to delete resources no longer in the release: ${errors.join('; ')}`);
  return created;
}
