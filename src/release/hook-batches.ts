// Parallel hooks: which hooks of a phase run together, and running a batch with a cap on how
// many run at once. Without hookline.dev/hook-parallel or --parallel-hooks every batch holds one
// hook, which is exactly Helm's one-by-one order.
import type { Hook } from './record.ts';
import { hookControlOf } from './hook-control.ts';

declare module './context.ts' {
  interface ActionContext {
    /** --parallel-hooks[=N]: every run of same-weight hooks goes in parallel, at most N at once. */
    parallelHooks?: number;
  }
}

/** How many hooks of one batch run at once when neither the flag nor the chart says. */
export const defaultParallelHooks = 10;

export interface HookBatch {
  hooks: Hook[];
  /** Most hooks of this batch running at the same time. */
  limit: number;
}

/**
 * Splits a phase's hooks (in Helm's order) into batches: consecutive hooks of the same weight
 * that may run in parallel (each marked hookline.dev/hook-parallel, or every hook when
 * --parallel-hooks is given) form one batch; every other hook is a batch of its own.
 */
export function hookBatches(ordered: readonly Hook[], parallelHooks?: number): HookBatch[] {
  const limit = parallelHooks ?? defaultParallelHooks;
  const batches: HookBatch[] = [];
  let open: HookBatch | undefined;
  for (const hook of ordered) {
    const parallel = limit > 1 && (parallelHooks !== undefined || hookControlOf(hook).parallel);
    if (parallel && open && (open.hooks[0].weight ?? 0) === (hook.weight ?? 0)) {
      open.hooks.push(hook);
      continue;
    }
    const batch = { hooks: [hook], limit };
    batches.push(batch);
    open = parallel ? batch : undefined;
  }
  return batches;
}

/**
 * Runs `task` over every item, at most `limit` at once; results in the items' order. When a
 * task throws, no further item starts, the running ones finish, then the first error is thrown.
 */
export async function runLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let thrown: { error: unknown } | undefined;
  const worker = async () => {
    while (!thrown && next < items.length) {
      const i = next++;
      try {
        results[i] = await task(items[i]);
      } catch (error) {
        thrown ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (thrown) throw thrown.error;
  return results;
}
