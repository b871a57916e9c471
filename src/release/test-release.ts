// `test`: runs a deployed release's test hooks (optionally filtered by name) as one hook phase,
// records their last runs in the release, and reports which passed.
import type { ActionContext } from './context.ts';
import { runHookPhase } from './hooks.ts';
import type { Release } from './record.ts';

export interface TestOptions {
  name: string;
  timeoutMs: number;
  /** --filter name=X (run only these) and name!=X / !name=X (skip these). */
  include: string[];
  exclude: string[];
}

export interface TestResult {
  release: Release;
  error?: Error;
}

export async function testRelease(ctx: ActionContext, options: TestOptions): Promise<TestResult> {
  const release = await ctx.storage.last(options.name);
  const select = (h: { name?: string }) =>
    (options.include.length === 0 || options.include.includes(h.name ?? '')) && !options.exclude.includes(h.name ?? '');
  ctx.emit({ type: 'action-started', action: 'test', release: release.name, namespace: release.namespace, revision: release.version });
  let error: Error | undefined;
  try {
    await runHookPhase(ctx, release, 'test', { timeoutMs: options.timeoutMs, serverSideApply: release.apply_method === 'ssa', select });
  } catch (err) {
    error = err as Error;
  }
  await ctx.storage.update(release);
  ctx.emit({ type: 'action-finished', action: 'test', ok: !error, revision: release.version, status: release.info.status, error: error?.message });
  return { release, error };
}
