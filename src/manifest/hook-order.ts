// The order in which Helm runs the hooks of one event: by weight, then by kind in install
// order (unknown kinds last, alphabetically), then by name.
import type { Hook, HookEvent } from '../release/record.ts';
import { compareKinds, installOrder } from './kind-order.ts';

export function compareHooks(a: Hook, b: Hook): number {
  const byWeight = (a.weight ?? 0) - (b.weight ?? 0);
  if (byWeight !== 0) return byWeight;
  const byKind = compareKinds(a.kind ?? '', b.kind ?? '', installOrder);
  if (byKind !== 0) return byKind;
  const an = a.name ?? '';
  const bn = b.name ?? '';
  return an < bn ? -1 : an > bn ? 1 : 0;
}

/** The hooks that fire on an event, in execution order. */
export function hooksForEvent(hooks: readonly Hook[], event: HookEvent): Hook[] {
  return hooks.filter((h) => h.events?.includes(event)).sort(compareHooks);
}
