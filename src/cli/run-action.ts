// Runs one release-changing action for the CLI: progress on stderr (live on a terminal,
// plain lines otherwise) or events as JSON lines on stdout with -o json, the release lock held
// throughout, a crashed predecessor's pending revision recovered, Ctrl-C turned into a recorded
// failure instead of a stuck release, the timeline printed and optionally saved as HTML.
import { writeFileSync } from 'node:fs';
import type { ActionContext } from '../release/context.ts';
import type { TimedEvent } from '../release/events.ts';
import { acquireReleaseLock } from '../release/lock.ts';
import { recoverInterrupted } from '../release/recovery.ts';
import { ProgressView } from '../report/progress.ts';
import { buildTimeline, renderTimelineText } from '../report/timeline.ts';
import { actionContext, type ClusterFlags } from './cluster-options.ts';
import { goJson } from '../codec/go-json.ts';
import { renderTimelineHtml } from '../report/html.ts';

export interface RunFlags extends ClusterFlags {
  output?: 'table' | 'json' | 'yaml';
  quiet?: boolean;
  hookLogs?: boolean;
  report?: string;
  timeline?: boolean;
}

export interface ActionRun {
  ctx: ActionContext;
  events: TimedEvent[];
}

/**
 * `prepare` runs before the lock is taken: checks and rendering that change nothing, and what
 * must exist before the lock can (the namespace the Lease lives in, for --create-namespace).
 * `lock: false` (dry runs, which change nothing) skips the lock.
 */
export async function runAction<T, P = undefined>(
  flags: RunFlags, release: string, action: string, maxHistory: number,
  body: (ctx: ActionContext, prepared: P) => Promise<T>,
  options: { prepare?: (ctx: ActionContext) => Promise<P>; lock?: boolean } = {},
): Promise<{ result: T; run: ActionRun }> {
  const events: TimedEvent[] = [];
  const jsonEvents = flags.output === 'json';
  const view = new ProgressView({ write: (t) => process.stderr.write(t), tty: process.stderr.isTTY === true, hookLogs: flags.hookLogs === true });
  const sinks: Array<(e: TimedEvent) => void> = [(e) => { events.push(e); }];
  if (jsonEvents) sinks.push((e: TimedEvent) => process.stdout.write(goJson(e) + '\n'));
  else if (!flags.quiet) sinks.push(view.sink);
  const ctx = actionContext(flags, sinks, maxHistory);
  ctx.followHookLogs = flags.hookLogs === true || jsonEvents;
  const controller = new AbortController();
  ctx.signal = controller.signal;
  let lockHeld = false;
  // One signal is handled; the handlers are removed at once so that a second one ends the
  // process (the release is then recovered by the next action once the lock expires).
  const onSignal = (signal: NodeJS.Signals) => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (!lockHeld) {
      // Nothing of the release has changed yet: stop at once.
      process.stderr.write(`\nError: interrupted (${signal}) before the release was changed\n`);
      process.exit(1);
    }
    if (action === 'install' || action === 'upgrade') process.stdout.write(`Release ${release} has been cancelled.\n`);
    process.stderr.write(`\ninterrupted (${signal}): stopping and recording the failure (interrupt again to quit at once)\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const prepared = options.prepare ? await options.prepare(ctx) : (undefined as P);
    if (options.lock === false) return { result: await body(ctx, prepared), run: { ctx, events } };
    const lock = await acquireReleaseLock(ctx.client, ctx.namespace, release, action, controller.signal);
    lockHeld = true;
    try {
      const recovered = await recoverInterrupted(ctx, release, lock);
      if (recovered) process.stderr.write(`note: ${recovered}\n`);
      const result = await body(ctx, prepared);
      return { result, run: { ctx, events } };
    } finally {
      await lock.release();
    }
  } finally {
    view.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    finishReport(flags, events);
  }
}

function finishReport(flags: RunFlags, events: TimedEvent[]): void {
  if (events.length === 0) return;
  const timeline = buildTimeline(events);
  if (flags.timeline !== false && flags.output !== 'json' && !flags.quiet) process.stderr.write(`\n${renderTimelineText(timeline)}\n`);
  if (flags.report) {
    writeFileSync(flags.report, renderTimelineHtml(timeline, events));
    process.stderr.write(`report written to ${flags.report}\n`);
  }
}
