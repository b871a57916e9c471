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
  hookLogs?: boolean;
  report?: string;
  timeline?: boolean;
}

export interface ActionRun {
  ctx: ActionContext;
  events: TimedEvent[];
}

export async function runAction<T>(
  flags: RunFlags, release: string, action: string, maxHistory: number,
  body: (ctx: ActionContext) => Promise<T>,
): Promise<{ result: T; run: ActionRun }> {
  const events: TimedEvent[] = [];
  const jsonEvents = flags.output === 'json';
  const view = new ProgressView({ write: (t) => process.stderr.write(t), tty: process.stderr.isTTY === true, hookLogs: flags.hookLogs === true });
  const sinks = [(e: TimedEvent) => events.push(e), jsonEvents ? (e: TimedEvent) => process.stdout.write(goJson(e) + '\n') : view.sink];
  const ctx = actionContext(flags, sinks, maxHistory);
  ctx.followHookLogs = flags.hookLogs === true || jsonEvents;
  const controller = new AbortController();
  ctx.signal = controller.signal;
  const onInterrupt = () => {
    process.stderr.write('\ninterrupted: stopping and recording the failure (press Ctrl-C again to quit at once)\n');
    process.off('SIGINT', onInterrupt);
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);
  const lock = await acquireReleaseLock(ctx.client, ctx.namespace, release, action);
  try {
    const recovered = await recoverInterrupted(ctx, release, lock);
    if (recovered) process.stderr.write(`note: ${recovered}\n`);
    const result = await body(ctx);
    return { result, run: { ctx, events } };
  } finally {
    view.stop();
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
    await lock.release();
    finishReport(flags, events);
  }
}

function finishReport(flags: RunFlags, events: TimedEvent[]): void {
  if (events.length === 0) return;
  const timeline = buildTimeline(events);
  if (flags.timeline !== false && flags.output !== 'json') process.stderr.write(`\n${renderTimelineText(timeline)}\n`);
  if (flags.report) {
    writeFileSync(flags.report, renderTimelineHtml(timeline, events));
    process.stderr.write(`report written to ${flags.report}\n`);
  }
}
