// `test`: runs a deployed release's test hooks (optionally filtered by name) as one hook phase,
// records their last runs in the release, and reports which passed.
import type { ActionContext } from './context.ts';
import { hooksForEvent } from '../manifest/hook-order.ts';
import { runHookPhase } from './hooks.ts';
import type { Hook, Release } from './record.ts';

export interface TestOptions {
  name: string;
  timeoutMs: number;
  /** --filter name=X (run only these) and name!=X / !name=X (skip these). */
  include: string[];
  exclude: string[];
}

export interface TestResult {
  release: Release;
  /** The test hooks this run selected, in the order they ran. */
  ran: Hook[];
  error?: Error;
}

/**
 * Helm's split of the release's hooks (all of them, not only tests) for --filter: excluded
 * names first, then those not included; the rest run. Helm stores the skipped ones first.
 */
function splitByFilter(hooks: Hook[], options: TestOptions): { skipped: Hook[]; executing: Hook[] } {
  let executing = hooks;
  const skipped: Hook[] = [];
  if (options.exclude.length > 0) {
    skipped.push(...executing.filter((h) => options.exclude.includes(h.name ?? '')));
    executing = executing.filter((h) => !options.exclude.includes(h.name ?? ''));
  }
  if (options.include.length > 0) {
    skipped.push(...executing.filter((h) => !options.include.includes(h.name ?? '')));
    executing = executing.filter((h) => options.include.includes(h.name ?? ''));
  }
  return { skipped, executing };
}

export async function testRelease(ctx: ActionContext, options: TestOptions): Promise<TestResult> {
  const release = await ctx.storage.last(options.name);
  const { skipped, executing } = splitByFilter(release.hooks ?? [], options);
  const runs = new Set(executing);
  ctx.emit({ type: 'action-started', action: 'test', release: release.name, namespace: release.namespace, revision: release.version });
  let error: Error | undefined;
  try {
    await runHookPhase(ctx, release, 'test', { timeoutMs: options.timeoutMs, serverSideApply: release.apply_method === 'ssa', select: (h) => runs.has(h) });
  } catch (err) {
    error = err as Error;
  }
  if (release.hooks) release.hooks = [...skipped, ...executing];
  await ctx.storage.update(release);
  ctx.emit({ type: 'action-finished', action: 'test', ok: !error, revision: release.version, status: release.info.status, error: error?.message });
  const ran = hooksForEvent(executing, 'test').filter((h) => h.last_run?.started_at);
  return { release, ran, error };
}
