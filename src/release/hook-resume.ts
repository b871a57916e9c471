// --resume for one hook of an interrupted action: whether it already succeeded (not run again),
// is still running from that action (waited for, not re-created), or has to run.
import { parseObject } from '../kube/objects.ts';
import type { ActionContext } from './context.ts';
import { hookStatus } from './hook-status.ts';
import type { Hook } from './record.ts';
import { timestampNow } from '../gotime/timestamps.ts';

export type ResumedHookState = 'succeeded' | 'running' | 'run';

/** Seconds since the epoch of an RFC 3339 time (Kubernetes' creationTimestamp has whole seconds). */
const wholeSeconds = (time: string | undefined) => Math.floor(Date.parse(time ?? '') / 1000);

export async function resumedHookState(ctx: ActionContext, hook: Hook): Promise<ResumedHookState> {
  const run = hook.last_run;
  if (run?.phase === 'Succeeded') return 'succeeded';
  if (run?.phase !== 'Running' && run?.phase !== 'Unknown') return 'run';
  // Started but its outcome was never recorded: the live object tells, if it is this run's.
  const live = await ctx.objects.get(parseObject(hook.manifest ?? '', hook.path ?? 'hook'), ctx.namespace);
  const created = wholeSeconds((live?.metadata as { creationTimestamp?: string } | undefined)?.creationTimestamp);
  if (!live || !(created >= wholeSeconds(run.started_at))) return 'run';
  const status = hookStatus(live);
  if (status.state === 'InProgress') return 'running';
  if (status.state === 'Failed') return 'run';
  hook.last_run = { ...run, phase: 'Succeeded', completed_at: timestampNow() };
  return 'succeeded';
}
