// What an action will do, computed without touching the cluster: each hook phase with its
// hooks in execution order (weight, kind, name, delete policies, what is waited for, timeout),
// the resources created, updated, deleted or kept in kind order, and for upgrades and
// rollbacks a diff of each changed object against the current revision.
import { createTwoFilesPatch } from 'diff';
import { stringify as yamlText } from 'yaml';
import type { KubeObject } from '../kube/objects.ts';
import { hooksForEvent } from '../manifest/hook-order.ts';
import { installOrder, sortByKind, uninstallOrder } from '../manifest/kind-order.ts';
import type { ActionName } from './events.ts';
import { isWaitedKind } from './hook-status.ts';
import type { Hook, HookEvent, Release } from './record.ts';
import { isKept, manifestObjects, objectKey } from './resources.ts';
import { maskSecretPair } from '../manifest/secret-mask.ts';
import { hookControlText, plannedHookControl, resourceOrderSteps, resourceOrderText, type PlannedHookControl, type ResourceOrderStep } from './plan-hookline.ts';

export interface PlannedHook extends PlannedHookControl {
  order: number;
  name: string;
  kind: string;
  weight: number;
  path: string;
  deletePolicies: string[];
  waitsFor: string;
}

export interface PlannedResource {
  verb: 'create' | 'update' | 'unchanged' | 'delete' | 'keep';
  kind: string;
  name: string;
  namespace?: string;
  diff?: string;
}

export type PlanStep =
  | { type: 'hooks'; event: HookEvent; hooks: PlannedHook[] }
  | { type: 'resources'; resources: PlannedResource[] }
  | { type: 'wait'; what: string; timeoutSeconds: number }
  | { type: 'record'; revision: number; status: string }
  | ResourceOrderStep;

export interface Plan {
  action: ActionName;
  release: string;
  namespace: string;
  revision: number;
  steps: PlanStep[];
}

export interface PlanOptions {
  noHooks: boolean;
  wait: boolean;
  timeoutMs: number;
  /** --parallel-hooks. */
  parallelHooks?: number;
}

function hookStep(hooks: Hook[], event: HookEvent, options: PlanOptions): PlanStep[] {
  if (options.noHooks) return [];
  const ordered = hooksForEvent(hooks, event);
  if (ordered.length === 0) return [];
  const control = plannedHookControl(ordered, options.timeoutMs, options.parallelHooks);
  return [{
    type: 'hooks', event,
    hooks: ordered.map((h, i) => ({
      order: i + 1, name: h.name ?? '', kind: h.kind ?? '', weight: h.weight ?? 0, path: h.path ?? '',
      deletePolicies: h.delete_policies?.length ? h.delete_policies : ['before-hook-creation'],
      waitsFor: isWaitedKind(h.kind ?? '') ? `${h.kind} to complete` : 'nothing (created only)',
      ...control.get(h)!,
    })),
  }];
}

function describeAll(objects: KubeObject[], verb: PlannedResource['verb'], order: readonly string[]): PlannedResource[] {
  return sortByKind(objects, (o) => o.kind, order).map((o) => ({ verb: isKept(o) && verb === 'delete' ? 'keep' : verb, kind: o.kind, name: o.metadata.name, namespace: o.metadata.namespace }));
}

function objectText(obj: KubeObject): string {
  return yamlText(obj, { sortMapEntries: true });
}

/** Resource changes between two manifests, with a unified diff for each changed object. */
export function diffManifests(currentManifest: string | undefined, targetManifest: string | undefined, namespace: string): PlannedResource[] {
  const current = new Map(manifestObjects(currentManifest).map((o) => [objectKey(o, namespace), o]));
  const target = manifestObjects(targetManifest);
  const changes: PlannedResource[] = [];
  for (const obj of sortByKind(target, (o) => o.kind, installOrder)) {
    const base = { kind: obj.kind, name: obj.metadata.name, namespace: obj.metadata.namespace };
    // Secret values never reach the diff: helm-diff's masking shows only which keys changed.
    const [before, after] = maskSecretPair(current.get(objectKey(obj, namespace)), obj);
    if (!before) {
      changes.push({ verb: 'create', ...base, diff: createTwoFilesPatch('/dev/null', `${obj.kind}/${obj.metadata.name}`, '', objectText(after!), '', '', { context: 3 }) });
      continue;
    }
    const a = objectText(before);
    const b = objectText(after!);
    changes.push(a === b ? { verb: 'unchanged', ...base } : { verb: 'update', ...base, diff: createTwoFilesPatch(`${obj.kind}/${obj.metadata.name} (current)`, `${obj.kind}/${obj.metadata.name} (new)`, a, b, '', '', { context: 3 }) });
  }
  const targetKeys = new Set(target.map((o) => objectKey(o, namespace)));
  const removed = [...current.entries()].filter(([k]) => !targetKeys.has(k)).map(([, o]) => o);
  changes.push(...describeAll(removed, 'delete', uninstallOrder));
  return changes;
}

export function planInstall(name: string, namespace: string, revision: number, hooks: Hook[], manifest: string, options: PlanOptions): Plan {
  const objects = manifestObjects(manifest);
  return {
    action: 'install', release: name, namespace, revision,
    steps: [
      ...hookStep(hooks, 'pre-install', options),
      { type: 'resources', resources: describeAll(objects, 'create', installOrder) },
      ...resourceOrderSteps(manifest),
      ...(options.wait ? [{ type: 'wait' as const, what: `${objects.length} resource(s) to be ready`, timeoutSeconds: options.timeoutMs / 1000 }] : []),
      ...hookStep(hooks, 'post-install', options),
      { type: 'record', revision, status: 'deployed' },
    ],
  };
}

/** Upgrade or rollback: from the current revision's manifest to the target's. */
export function planChange(action: 'upgrade' | 'rollback', current: Release, targetRevision: number, hooks: Hook[], manifest: string, options: PlanOptions): Plan {
  const pre: HookEvent = action === 'upgrade' ? 'pre-upgrade' : 'pre-rollback';
  const post: HookEvent = action === 'upgrade' ? 'post-upgrade' : 'post-rollback';
  return {
    action, release: current.name, namespace: current.namespace, revision: targetRevision,
    steps: [
      ...hookStep(hooks, pre, options),
      { type: 'resources', resources: diffManifests(current.manifest, manifest, current.namespace) },
      ...resourceOrderSteps(manifest),
      ...(options.wait ? [{ type: 'wait' as const, what: 'the release\'s resources to be ready', timeoutSeconds: options.timeoutMs / 1000 }] : []),
      ...hookStep(hooks, post, options),
      { type: 'record', revision: targetRevision, status: 'deployed' },
    ],
  };
}

export function planUninstall(release: Release, options: PlanOptions & { keepHistory: boolean }): Plan {
  return {
    action: 'uninstall', release: release.name, namespace: release.namespace, revision: release.version,
    steps: [
      ...hookStep(release.hooks ?? [], 'pre-delete', options),
      { type: 'resources', resources: describeAll(manifestObjects(release.manifest), 'delete', uninstallOrder) },
      ...hookStep(release.hooks ?? [], 'post-delete', options),
      { type: 'record', revision: release.version, status: options.keepHistory ? 'uninstalled' : 'history purged' },
    ],
  };
}

export function planTest(release: Release, options: PlanOptions): Plan {
  return {
    action: 'test', release: release.name, namespace: release.namespace, revision: release.version,
    steps: hookStep(release.hooks ?? [], 'test', { ...options, noHooks: false }),
  };
}

/** The plan as text for a terminal. */
export function renderPlanText(plan: Plan, showDiffs: boolean): string {
  const out = [`Plan: ${plan.action} ${plan.release} (namespace ${plan.namespace}, revision ${plan.revision})`];
  let n = 0;
  for (const step of plan.steps) {
    n++;
    if (step.type === 'hooks') {
      out.push(`${n}. run ${step.event} hooks, in this order:`);
      for (const h of step.hooks) {
        out.push(`   ${h.order}) ${h.kind}/${h.name}  weight ${h.weight}  delete-policy ${h.deletePolicies.join(',')}  waits for ${h.waitsFor} (timeout ${h.timeoutSeconds}s)${hookControlText(h)}  [${h.path}]`);
      }
    } else if (step.type === 'resources') {
      const counts = new Map<string, number>();
      for (const r of step.resources) counts.set(r.verb, (counts.get(r.verb) ?? 0) + 1);
      out.push(`${n}. resources: ${[...counts].map(([v, c]) => `${c} to ${v}`).join(', ') || 'none'}`);
      for (const r of step.resources) {
        out.push(`   ${r.verb.padEnd(9)} ${r.kind}/${r.name}`);
        if (showDiffs && r.diff && r.verb === 'update') out.push(...r.diff.split('\n').slice(2).filter(Boolean).map((l) => `      ${l}`));
      }
    } else if (step.type === 'resource-order') {
      out.push(...resourceOrderText(step, n));
    } else if (step.type === 'wait') {
      out.push(`${n}. wait up to ${step.timeoutSeconds}s for ${step.what}`);
    } else {
      out.push(`${n}. record revision ${step.revision} as ${step.status}`);
    }
  }
  return out.join('\n') + '\n';
}
