// The timeline of an action, built from its events: one step per hook run, resource change and
// wait, each with its start (relative to the action's start), duration and result.
import type { TimedEvent } from '../release/events.ts';

export interface TimelineStep {
  kind: 'hook' | 'resources' | 'wait' | 'record';
  label: string;
  detail: string;
  startMs: number;
  durationMs: number;
  result: 'ok' | 'failed' | 'info';
}

export interface Timeline {
  title: string;
  startedAt: number;
  totalMs: number;
  ok: boolean;
  steps: TimelineStep[];
}

export function buildTimeline(events: TimedEvent[]): Timeline {
  const start = events[0]?.at ?? Date.now();
  const rel = (at: number) => at - start;
  const steps: TimelineStep[] = [];
  const openHooks = new Map<string, number>();
  let title = 'action';
  // An action that never reported its end (the cluster went away, the process was stopped) did not succeed.
  let ok = false;
  let resourceStep: TimelineStep | undefined;
  let waitStart: number | undefined;
  for (const e of events) {
    if (resourceStep && e.type !== 'resource-applied') {
      resourceStep.durationMs = rel(e.at) - resourceStep.startMs;
      resourceStep = undefined;
    }
    switch (e.type) {
      case 'action-started':
        title = `${e.action} ${e.release} (namespace ${e.namespace}, revision ${e.revision})`;
        break;
      case 'hook-created':
        openHooks.set(`${e.hook.event}/${e.hook.kind}/${e.hook.name}`, e.at);
        break;
      case 'hook-finished': {
        const key = `${e.hook.event}/${e.hook.kind}/${e.hook.name}`;
        const began = openHooks.get(key) ?? e.at - e.elapsedMs;
        openHooks.delete(key);
        const why = e.failure ? `${e.failure.reason}${e.failure.exitCode !== undefined ? ` (exit ${e.failure.exitCode})` : ''}` : '';
        steps.push({
          kind: 'hook', label: `${e.hook.event}: ${e.hook.kind}/${e.hook.name}`, detail: `weight ${e.hook.weight}${why ? `, ${why}` : ''}`,
          startMs: rel(began), durationMs: e.at - began, result: e.phase === 'Succeeded' ? 'ok' : 'failed',
        });
        break;
      }
      case 'resources-applying':
        resourceStep = { kind: 'resources', label: `${e.verb} ${e.count} resource(s)`, detail: '', startMs: rel(e.at), durationMs: 0, result: 'ok' };
        steps.push(resourceStep);
        break;
      case 'resource-applied':
        if (resourceStep) resourceStep.detail += `${resourceStep.detail ? ', ' : ''}${e.kind}/${e.name} ${e.verb}`;
        break;
      case 'waiting':
        waitStart = e.at;
        break;
      case 'wait-finished':
        steps.push({ kind: 'wait', label: `wait for ${e.what}`, detail: e.detail ?? '', startMs: rel(waitStart ?? e.at), durationMs: e.at - (waitStart ?? e.at), result: e.ok ? 'ok' : 'failed' });
        break;
      case 'release-recorded':
        steps.push({ kind: 'record', label: `revision ${e.revision} ${e.status}`, detail: e.description, startMs: rel(e.at), durationMs: 0, result: e.status === 'failed' ? 'failed' : 'info' });
        break;
      case 'action-finished':
        ok = e.ok;
        break;
    }
  }
  const last = events[events.length - 1]?.at ?? start;
  return { title, startedAt: start, totalMs: last - start, ok, steps };
}

function secs(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

/** The timeline as aligned terminal lines with a proportional bar per step. */
export function renderTimelineText(timeline: Timeline, width = 30): string {
  const total = Math.max(timeline.totalMs, 1);
  const mark = { ok: '✓', failed: '✗', info: '•' } as const;
  const lines = [`Timeline: ${timeline.title} — ${timeline.ok ? 'succeeded' : 'FAILED'} in ${secs(timeline.totalMs)}`];
  const labelWidth = Math.min(60, Math.max(...timeline.steps.map((s) => s.label.length), 10));
  for (const s of timeline.steps) {
    const from = Math.floor((s.startMs / total) * width);
    const len = Math.max(1, Math.round((s.durationMs / total) * width));
    const bar = ' '.repeat(Math.min(from, width)) + '█'.repeat(Math.min(len, width - Math.min(from, width - 1)));
    lines.push(`  ${mark[s.result]} ${s.label.padEnd(labelWidth)} ${secs(s.startMs).padStart(7)} +${secs(s.durationMs).padEnd(6)} |${bar.padEnd(width)}| ${s.detail}`);
  }
  return lines.join('\n');
}
