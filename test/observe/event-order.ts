// Checks that a `-o json` event stream tells a coherent story: one action from start to finish,
// each hook created inside its phase, its log lines between its creation and its outcome.
import assert from 'node:assert/strict';
import type { TimedEvent } from '../../src/release/events.ts';

export function assertValidEventOrder(events: TimedEvent[]): void {
  assert.ok(events.length >= 2, `expected events, got ${events.length}`);
  assert.equal(events[0]!.type, 'action-started');
  assert.equal(events.at(-1)!.type, 'action-finished');
  for (let i = 1; i < events.length; i++) assert.ok(events[i]!.at >= events[i - 1]!.at, `event ${i} (${events[i]!.type}) is stamped before the one it follows`);
  let phase: { event: string; hooks: string[] } | undefined;
  let running: string | undefined;
  for (const e of events) {
    const hookName = 'hook' in e ? e.hook.name : undefined;
    switch (e.type) {
      case 'phase-started':
        assert.equal(phase, undefined, `phase ${e.event} started inside phase ${phase?.event}`);
        phase = { event: e.event, hooks: e.hooks.map((h) => h.name) };
        break;
      case 'phase-finished':
        assert.equal(phase?.event, e.event, `phase ${e.event} finished without having started`);
        assert.equal(running, undefined, `phase ${e.event} finished while ${running} ran`);
        phase = undefined;
        break;
      case 'hook-created':
        assert.ok(phase?.hooks.includes(e.hook.name), `hook ${e.hook.name} created outside its phase`);
        assert.equal(e.hook.event, phase!.event);
        assert.equal(running, undefined, `hook ${e.hook.name} created while ${running} ran`);
        running = e.hook.name;
        break;
      case 'hook-log':
      case 'hook-progress':
        assert.equal(hookName, running, `${e.type} of ${hookName} while ${running ?? 'no hook'} ran`);
        break;
      case 'hook-finished':
        assert.equal(hookName, running, `hook-finished of ${hookName} while ${running ?? 'no hook'} ran`);
        assert.ok(Number.isInteger(e.elapsedMs) && e.elapsedMs >= 0, `elapsedMs ${e.elapsedMs}`);
        running = undefined;
        break;
      case 'action-finished': {
        const recorded = events.filter((r) => r.type === 'release-recorded');
        assert.ok(recorded.length > 0, 'no release-recorded event');
        assert.equal(recorded.at(-1)!.type === 'release-recorded' && recorded.at(-1)!.revision, e.revision);
        break;
      }
    }
  }
  assert.equal(phase, undefined, 'a phase never finished');
}

/** The log lines each hook wrote, in order, keyed by hook name. */
export function linesByHook(events: TimedEvent[]): Map<string, string[]> {
  const lines = new Map<string, string[]>();
  for (const e of events) if (e.type === 'hook-log') lines.set(e.hook.name, [...(lines.get(e.hook.name) ?? []), e.line]);
  return lines;
}
