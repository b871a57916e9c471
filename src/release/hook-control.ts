// The hookline.dev/ hook control of each hook in a release, read from the hook's stored manifest
// (Helm's record has no room for it, and helm ignores the annotations), and checked before an
// action changes anything.
import { parseObject } from '../kube/objects.ts';
import { parseHookControl, type HookControl } from '../manifest/hookline-annotations.ts';
import type { Hook } from './record.ts';

const parsed = new WeakMap<Hook, HookControl>();

function where(hook: Hook): string {
  return `${hook.path ?? 'hook'} (${hook.kind ?? ''}/${hook.name ?? ''})`;
}

/** A hook's control settings; Helm's behaviour when it carries no hookline.dev/ annotation. */
export function hookControlOf(hook: Hook): HookControl {
  const known = parsed.get(hook);
  if (known) return known;
  let annotations: Record<string, string> | undefined;
  try {
    annotations = parseObject(hook.manifest ?? '', hook.path ?? 'hook').metadata.annotations;
  } catch {
    annotations = undefined; // an unparsable hook fails when it is built, with Helm's message
  }
  const control = parseHookControl(annotations, where(hook));
  parsed.set(hook, control);
  return control;
}

/** Throws the first hookline.dev/ annotation error among the hooks, before anything is recorded. */
export function checkHookControl(hooks: readonly Hook[]): void {
  for (const hook of hooks) hookControlOf(hook);
}
