// A release left pending by a Hookline process that died (its process gone or its lock expired) is
// marked failed with an explanation, so the next action can proceed instead of being refused
// forever as Helm refuses it.
import type { ActionContext } from './context.ts';
import type { HeldLock } from './lock.ts';
import { pendingStatuses } from './pending.ts';

export async function recoverInterrupted(ctx: ActionContext, name: string, lock: HeldLock): Promise<string | undefined> {
  if (lock.tookOverFrom === undefined) return undefined;
  const history = await ctx.storage.history(name);
  const last = history[history.length - 1];
  if (!last || !pendingStatuses.has(last.info.status ?? '')) return undefined;
  const was = last.info.status;
  last.info.status = 'failed';
  last.info.description = `${was} interrupted: ${lock.tookOverFrom} stopped before finishing (its process is gone or its lock expired); recorded as failed by Hookline`;
  await ctx.storage.update(last);
  ctx.emit({ type: 'release-recorded', revision: last.version, status: 'failed', description: last.info.description });
  return `revision ${last.version} was left ${was} by an interrupted operation; it is now marked failed`;
}
