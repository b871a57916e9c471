// Exact plans: `plan ... -o plan.json` saves what an install, upgrade or rollback will do (the
// rendered content, the options) with fingerprints of the release history and of every cluster
// object the plan covers; `apply` runs exactly that, and refuses when any of them changed since.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseObject, type KubeObject } from '../kube/objects.ts';
import type { ActionContext } from './context.ts';
import type { ReleaseContent } from './content.ts';
import type { Plan } from './plan.ts';
import type { Release } from './record.ts';
import { manifestObjects, objectKey } from './resources.ts';

export const planFileKind = 'HooklinePlan';
export const planFileVersion = 1;

export interface PlanActionOptions {
  noHooks: boolean;
  wait: boolean;
  waitForJobs: boolean;
  timeoutMs: number;
  parallelHooks?: number;
}

export interface CoveredObject {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  /** What the object was when planned: "absent", or a digest of uid, generation (or resourceVersion), labels, annotations. */
  fingerprint: string;
}

export interface SavedPlan {
  kind: typeof planFileKind;
  version: typeof planFileVersion;
  action: 'install' | 'upgrade' | 'rollback';
  release: string;
  namespace: string;
  /** Each revision as "<revision> <status> <digest of its content>", oldest first. */
  releaseState: string[];
  objects: CoveredObject[];
  options: PlanActionOptions;
  /** What install and upgrade apply. */
  content?: ReleaseContent;
  /** The revision a rollback returns to. */
  rollbackTo?: number;
  /** The plan as `plan` showed it. */
  plan: Plan;
  /** sha256 of everything above: the file is refused when edited. */
  digest: string;
}

export type PlanSource = Omit<SavedPlan, 'kind' | 'version' | 'releaseState' | 'objects' | 'digest'>;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function revisionDigest(r: Release): string {
  // Hook last runs change when `test` runs; they are not what a plan is about.
  return sha256(JSON.stringify([r.manifest ?? '', r.config ?? {}, r.chart?.metadata ?? {}, (r.hooks ?? []).map((h) => h.manifest ?? '')])).slice(0, 16);
}

/** The release history as the plan sees it. */
export async function releaseState(ctx: ActionContext, name: string): Promise<string[]> {
  return (await ctx.storage.history(name)).map((r) => `${r.version} ${r.info.status ?? 'unknown'} ${revisionDigest(r)}`);
}

function fingerprintOf(live: KubeObject | null): string {
  if (!live) return 'absent';
  const m = live.metadata as KubeObject['metadata'] & { generation?: number; resourceVersion?: string };
  // Objects with a generation count only spec changes (not status); others every change.
  return sha256(JSON.stringify([m.uid, m.generation ?? m.resourceVersion, m.labels ?? {}, m.annotations ?? {}])).slice(0, 16);
}

/** The objects a plan covers: the target revision's resources and hooks, and the current revision's resources. */
function coveredObjects(source: PlanSource, current: Release | undefined, target: { manifest?: string; hooks?: Array<{ manifest?: string; path?: string }> }): KubeObject[] {
  const all = [
    ...manifestObjects(target.manifest),
    ...(source.options.noHooks ? [] : (target.hooks ?? []).map((h) => parseObject(h.manifest ?? '', h.path ?? 'hook'))),
    ...manifestObjects(current?.manifest),
  ];
  const seen = new Set<string>();
  return all.filter((o) => {
    const key = objectKey(o, source.namespace);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function fingerprints(ctx: ActionContext, objects: Array<Pick<KubeObject, 'apiVersion' | 'kind'> & { metadata: { name: string; namespace?: string } }>): Promise<string[]> {
  return Promise.all(objects.map(async (o) => fingerprintOf(await ctx.objects.get(o as KubeObject, ctx.namespace))));
}

function digestOf(plan: Omit<SavedPlan, 'digest'>): string {
  return sha256(JSON.stringify(plan));
}

/** A saved plan for the source, fingerprinting the release and the covered objects now. */
export async function makeSavedPlan(ctx: ActionContext, source: PlanSource, current: Release | undefined, target: { manifest?: string; hooks?: Array<{ manifest?: string; path?: string }> }): Promise<SavedPlan> {
  const objects = coveredObjects(source, current, target);
  const prints = await fingerprints(ctx, objects);
  const body: Omit<SavedPlan, 'digest'> = {
    kind: planFileKind, version: planFileVersion, ...source,
    releaseState: await releaseState(ctx, source.release),
    objects: objects.map((o, i) => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, namespace: o.metadata.namespace, fingerprint: prints[i] })),
  };
  return { ...body, digest: digestOf(body) };
}

export function writePlanFile(path: string, plan: SavedPlan): void {
  writeFileSync(path, JSON.stringify(plan, null, 2) + '\n');
}

/** Reads and checks a plan file; the error names the file and what to do. */
export function readPlanFile(path: string): SavedPlan {
  let plan: SavedPlan;
  try {
    plan = JSON.parse(readFileSync(path, 'utf8')) as SavedPlan;
  } catch (err) {
    throw new Error(`${path}: not a plan file (${(err as Error).message}); write one with \`hookline plan install|upgrade|rollback ... -o ${path}\``);
  }
  if (plan?.kind !== planFileKind || plan.version !== planFileVersion) {
    throw new Error(`${path}: not a Hookline plan of version ${planFileVersion} (kind ${JSON.stringify(plan?.kind)}, version ${JSON.stringify(plan?.version)}); write it again with \`hookline plan ... -o ${path}\``);
  }
  const { digest, ...body } = plan;
  if (digest !== digestOf(body)) throw new Error(`${path}: the plan was changed after \`hookline plan\` wrote it; make a new plan instead of editing it`);
  return plan;
}

/** What changed since the plan was made, one line each; empty when the plan still holds. */
export async function planDrift(ctx: ActionContext, plan: SavedPlan): Promise<string[]> {
  const drift: string[] = [];
  const now = await releaseState(ctx, plan.release);
  if (JSON.stringify(now) !== JSON.stringify(plan.releaseState)) {
    drift.push(`release "${plan.release}" changed: planned against revisions [${plan.releaseState.map((s) => s.split(' ').slice(0, 2).join(' ')).join(', ') || 'none'}], now [${now.map((s) => s.split(' ').slice(0, 2).join(' ')).join(', ') || 'none'}]`);
  }
  const prints = await fingerprints(ctx, plan.objects.map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, metadata: { name: o.name, namespace: o.namespace } })));
  plan.objects.forEach((o, i) => {
    if (prints[i] === o.fingerprint) return;
    const what = `${o.kind}/${o.name}`;
    drift.push(o.fingerprint === 'absent' ? `${what} was created since the plan` : prints[i] === 'absent' ? `${what} was deleted since the plan` : `${what} was changed since the plan`);
  });
  return drift;
}
