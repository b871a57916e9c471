// `apply plan.json`: carries out exactly a saved plan (its content and options), after checking
// that neither the release nor any object the plan covers changed since it was made; otherwise
// it refuses and changes nothing.
import type { ActionContext } from './context.ts';
import { installRelease } from './install.ts';
import { planDrift, type SavedPlan } from './plan-file.ts';
import type { Release } from './record.ts';
import { rollbackRelease } from './rollback.ts';
import { upgradeRelease } from './upgrade.ts';

export class PlanOutdatedError extends Error {
  readonly drift: string[];
  constructor(drift: string[]) {
    super(`the plan no longer matches the cluster, nothing was changed:\n${drift.map((d) => `  - ${d}`).join('\n')}\nmake a new plan with \`hookline plan ... -o FILE\``);
    this.drift = drift;
  }
}

export async function applySavedPlan(ctx: ActionContext, plan: SavedPlan): Promise<{ release: Release; warning?: string }> {
  if (ctx.namespace !== plan.namespace) throw new Error(`the plan is for namespace "${plan.namespace}", not "${ctx.namespace}": drop -n or give -n ${plan.namespace}`);
  const drift = await planDrift(ctx, plan);
  if (drift.length > 0) throw new PlanOutdatedError(drift);
  ctx.parallelHooks = plan.options.parallelHooks;
  const common = { ...plan.options, name: plan.release };
  switch (plan.action) {
    case 'install':
      return { release: await installRelease(ctx, contentOf(plan), { ...common, serverSideApply: true, createNamespace: false, replace: false, rollbackOnFailure: false, dryRun: 'none' }) };
    case 'upgrade': {
      const current = (await ctx.storage.history(plan.release)).filter((r) => r.info.status === 'deployed').pop();
      return upgradeRelease(ctx, contentOf(plan), {
        ...common, serverSideApply: current?.apply_method !== 'csa', rollbackOnFailure: false, cleanupOnFail: false, forceReplace: false, forceConflicts: false, dryRun: false,
      });
    }
    case 'rollback': {
      const last = await ctx.storage.last(plan.release);
      return { release: await rollbackRelease(ctx, { ...common, revision: plan.rollbackTo ?? 0, serverSideApply: last.apply_method === 'ssa', forceReplace: false, forceConflicts: false, cleanupOnFail: false, dryRun: false }) };
    }
  }
}

function contentOf(plan: SavedPlan) {
  if (!plan.content) throw new Error(`the ${plan.action} plan for "${plan.release}" carries no content: make a new plan with \`hookline plan ${plan.action} ...\``);
  return plan.content;
}
