// The order in which Helm 4 runs the hooks of one event: by weight, then by name; hooks with
// the same weight and name keep the kind order the manifest sorter gave them (install order).
// (Helm 3 compared kinds before names; Helm 4 is the reference.)
import type { Hook, HookEvent } from './hook-record.ts';
import { compareKinds, installOrder } from './kind-order.ts';

export function compareHooks(a: Hook, b: Hook): number {
  const byWeight = (a.weight ?? 0) - (b.weight ?? 0);
  if (byWeight !== 0) return byWeight;
  const an = a.name ?? '';
  const bn = b.name ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  return compareKinds(a.kind ?? '', b.kind ?? '', installOrder);
}

/** The hooks that fire on an event, in execution order. */
export function hooksForEvent(hooks: readonly Hook[], event: HookEvent): Hook[] {
  return hooks.filter((h) => h.events?.includes(event)).sort(compareHooks);
}
