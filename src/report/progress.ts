// Live progress of a lifecycle action from its events: stable, timestamped lines when output
// is not a terminal (CI logs), and on a terminal the same lines plus a status line showing the
// running hook and its elapsed time.
import type { HookRef, TimedEvent } from '../release/events.ts';
import { explainHookFailure } from './failure.ts';

export interface ProgressOptions {
  write: (text: string) => void;
  tty: boolean;
  /** Show hook pods' log lines as they arrive. */
  hookLogs: boolean;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

function hookLabel(h: HookRef): string {
  return `${h.kind}/${h.name}`;
}

/** Formats one event as the lines to print (none for events that only feed the status line). */
export function eventLines(event: TimedEvent, hookLogs: boolean): string[] {
  switch (event.type) {
    case 'action-started':
      return [`${event.action} ${event.release} in namespace ${event.namespace}, revision ${event.revision}`];
    case 'phase-started':
      return [`${event.event} hooks: ${event.hooks.map((h) => `${hookLabel(h)} (weight ${h.weight})`).join(', ')}`];
    case 'phase-finished':
      return event.ok ? [`${event.event} hooks done`] : [`${event.event} hooks failed`];
    case 'hook-created':
      return [`  ${hookLabel(event.hook)} created`];
    case 'hook-deleted':
      return [`  ${hookLabel(event.hook)} deleted (${event.policy})`];
    case 'hook-finished':
      return event.phase === 'Succeeded'
        ? [`  ${hookLabel(event.hook)} succeeded in ${seconds(event.elapsedMs)}`]
        : [`  ${hookLabel(event.hook)} FAILED after ${seconds(event.elapsedMs)}`, ...(event.failure ? explainHookFailure(event.hook, event.failure, '    ') : [])];
    case 'hook-retrying':
      return [`  ${hookLabel(event.hook)} attempt ${event.attempt}/${event.attempts} failed (${event.failure.reason}); retrying in ${seconds(event.delayMs)}`];
    case 'hook-failure-allowed':
      return [`  ${hookLabel(event.hook)} failure allowed (hookline.dev/hook-allow-failure); the phase goes on`];
    case 'hook-log':
      return hookLogs ? [`  [${event.hook.name}] ${event.line}`] : [];
    case 'resources-applying':
      return [`${event.verb === 'delete' ? 'deleting' : 'applying'} ${event.count} resource(s)`];
    case 'resource-applied':
      return [`  ${event.kind}/${event.name} ${event.verb}`];
    case 'waiting':
      return [`waiting up to ${seconds(event.timeoutMs)} for ${event.what}`];
    case 'wait-finished':
      return event.ok ? [`${event.what}: ready`] : [`${event.what}: not ready`, ...(event.detail ?? '').split('\n').map((l) => `  ${l}`)];
    case 'release-recorded':
      return [`revision ${event.revision}: ${event.status} (${event.description})`];
    case 'action-finished':
      return [event.ok ? `${event.action} finished` : `${event.action} failed: ${event.error ?? ''}`];
    case 'hook-progress':
      // Progress details drive the live status line; only problems are worth a line of their own.
      return event.detail.startsWith('hook logs unavailable') ? [`  ${hookLabel(event.hook)}: ${event.detail}`] : [];
  }
}

export class ProgressView {
  private readonly options: ProgressOptions;
  private start = 0;
  /** Hooks running now, by event/kind/name: parallel hooks run several at once. */
  private readonly running = new Map<string, { hook: HookRef; since: number; detail: string }>();
  private timer?: NodeJS.Timeout;
  private statusShown = false;

  constructor(options: ProgressOptions) {
    this.options = options;
  }

  readonly sink = (event: TimedEvent): void => {
    if (this.start === 0) this.start = event.at;
    const key = 'hook' in event ? `${event.hook.event}/${event.hook.kind}/${event.hook.name}` : '';
    if (event.type === 'hook-created') this.running.set(key, { hook: event.hook, since: event.at, detail: 'created' });
    const running = this.running.get(key);
    if (event.type === 'hook-progress' && running) running.detail = event.detail;
    if (event.type === 'hook-finished') this.running.delete(key);
    if (event.type === 'action-finished') this.running.clear();
    const stamp = `[${seconds(event.at - this.start).padStart(7)}] `;
    const lines = eventLines(event, this.options.hookLogs);
    if (lines.length > 0) {
      this.clearStatus();
      this.options.write(lines.map((l) => stamp + l).join('\n') + '\n');
    }
    if (this.options.tty) this.drawStatus();
    if (event.type === 'action-finished') this.stop();
  };

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.clearStatus();
  }

  private drawStatus(): void {
    const [r, ...others] = this.running.values();
    if (!r) {
      this.clearStatus();
      return;
    }
    this.timer ??= setInterval(() => this.drawStatus(), 200);
    this.timer.unref();
    const more = others.length > 0 ? ` (+${others.length} more running)` : '';
    this.options.write(`\r\x1b[2K  … ${hookLabel(r.hook)} (${r.hook.event}) running ${seconds(Date.now() - r.since)} — ${r.detail}${more}`);
    this.statusShown = true;
  }

  private clearStatus(): void {
    if (this.statusShown) this.options.write('\r\x1b[2K');
    this.statusShown = false;
  }
}
