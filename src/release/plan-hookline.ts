// What `plan` shows of Hookline's own annotations: each hook's attempts, own timeout, allowed
// failure and the hooks it runs in parallel with; and the steps of ordered resources.
import type { KubeObject } from '../kube/objects.ts';
import { hookBatches } from './hook-batches.ts';
import { hookControlOf } from './hook-control.ts';
import { manifestSteps } from './ordered-apply.ts';
import type { Hook } from './record.ts';

export interface PlannedHookControl {
  timeoutSeconds: number;
  /** 1 + hookline.dev/hook-retries. */
  attempts: number;
  allowFailure: boolean;
  /** The other hooks of its parallel batch (empty: it runs alone). */
  runsWith: string[];
}

/** Each hook's planned control, for hooks of one phase in execution order. */
export function plannedHookControl(ordered: Hook[], timeoutMs: number, parallelHooks?: number): Map<Hook, PlannedHookControl> {
  const planned = new Map<Hook, PlannedHookControl>();
  for (const batch of hookBatches(ordered, parallelHooks)) {
    for (const hook of batch.hooks) {
      const control = hookControlOf(hook);
      planned.set(hook, {
        timeoutSeconds: (control.timeoutMs ?? timeoutMs) / 1000,
        attempts: control.retries + 1,
        allowFailure: control.allowFailure,
        runsWith: batch.hooks.filter((h) => h !== hook).map((h) => `${h.kind}/${h.name}`),
      });
    }
  }
  return planned;
}

/** The extra words of a hook's line in the plan text ("" for a hook Helm would run the same way). */
export function hookControlText(c: { attempts: number; allowFailure: boolean; runsWith: string[] }): string {
  return [
    c.attempts > 1 ? `  attempts ${c.attempts}` : '',
    c.allowFailure ? '  failure allowed' : '',
    c.runsWith.length > 0 ? `  in parallel with ${c.runsWith.join(', ')}` : '',
  ].join('');
}

export interface ResourceOrderStep {
  type: 'resource-order';
  /** Applied one after another; each waits for the previous one to be ready. */
  steps: Array<{ wave: number; resources: string[] }>;
}

/** The resource-order step of a plan, when the manifest orders its resources. */
export function resourceOrderSteps(manifest: string | undefined): ResourceOrderStep[] {
  const steps = manifestSteps(manifest);
  if (!steps) return [];
  const name = (o: KubeObject) => `${o.kind}/${o.metadata.name}`;
  return [{ type: 'resource-order', steps: steps.map((s) => ({ wave: s.wave, resources: s.items.map(name) })) }];
}

export function resourceOrderText(step: ResourceOrderStep, n: number): string[] {
  return [
    `${n}. resources in order (hookline.dev/wave, hookline.dev/depends-on), each step ready before the next:`,
    ...step.steps.map((s, i) => `   ${i + 1}) wave ${s.wave}: ${s.resources.join(', ')}`),
  ];
}
