// hookline.dev/hook-allow-failure: hooks whose failure an action let pass, kept per release
// object for the action's lifetime so that the final description can say which and why.
import type { HookRef } from './events.ts';
import type { Release } from './record.ts';

export interface AllowedHookFailure {
  hook: HookRef;
  /** The failure as the phase would have reported it. */
  message: string;
}

const allowed = new WeakMap<Release, AllowedHookFailure[]>();

export function recordAllowedFailure(release: Release, failure: AllowedHookFailure): void {
  const list = allowed.get(release) ?? [];
  list.push(failure);
  allowed.set(release, list);
}

export function allowedFailuresOf(release: Release): readonly AllowedHookFailure[] {
  return allowed.get(release) ?? [];
}

/** The description with the allowed hook failures named after it (unchanged when there were none). */
export function describeWithAllowedFailures(release: Release, description: string): string {
  const list = allowedFailuresOf(release);
  if (list.length === 0) return description;
  const named = list.map((f) => `${f.hook.event} hook ${f.hook.kind}/${f.hook.name}: ${f.message.split('\n')[0]}`);
  return `${description}; ${list.length} hook failure(s) allowed (hookline.dev/hook-allow-failure): ${named.join('; ')}`;
}
