// Exact plans on the command line: `plan ... -o FILE.json` writes a plan file beside printing the
// plan, and `hookline apply FILE.json` carries it out (or refuses when it is out of date).
import { Option, type Command } from 'commander';
import { applySavedPlan } from '../release/apply-plan.ts';
import type { ActionContext } from '../release/context.ts';
import { makeSavedPlan, readPlanFile, writePlanFile, type PlanSource } from '../release/plan-file.ts';
import { renderPlanText, type Plan } from '../release/plan.ts';
import type { Release } from '../release/record.ts';
import { goJson } from '../codec/go-json.ts';
import { addOutputFlag, addProgressFlags } from './action-flags.ts';
import { addClusterFlags } from './cluster-options.ts';
import { runAction, type RunFlags } from './run-action.ts';
import { formatStatus } from './status-printer.ts';

const formats = ['table', 'json', 'yaml'];

/** `plan`'s -o: a format, or a file name ending in .json to save the plan to. */
export function addPlanOutputFlag(cmd: Command): Command {
  return cmd.addOption(new Option('-o, --output <format|file.json>', 'table, json or yaml; or a file name ending in .json: save the plan there for `hookline apply`').default('table')
    .argParser((value: string) => {
      if (formats.includes(value) || value.endsWith('.json')) return value;
      throw new Error(`invalid --output "${value}": use table, json, yaml, or a file name ending in .json to save the plan`);
    }));
}

export interface PlanToSave {
  ctx: ActionContext;
  source: PlanSource;
  current?: Release;
  target: { manifest?: string; hooks?: Release['hooks'] };
}

/** Prints the plan; with -o FILE.json also saves it, which needs `save` (install, upgrade and rollback plans). */
export async function emitPlanOutput(flags: { output?: string; diff: boolean }, plan: Plan, save?: PlanToSave): Promise<void> {
  const output = flags.output ?? 'table';
  if (formats.includes(output)) {
    process.stdout.write(output === 'json' ? goJson(plan) + '\n' : renderPlanText(plan, flags.diff));
    return;
  }
  if (!save) throw new Error(`plans of ${plan.action} cannot be saved: \`hookline apply\` runs install, upgrade and rollback plans; use -o table or -o json`);
  writePlanFile(output, await makeSavedPlan(save.ctx, save.source, save.current, save.target));
  process.stdout.write(`${renderPlanText(plan, flags.diff)}\nplan saved to ${output}; carry it out with: hookline apply ${output}\n`);
}

export function register(program: Command): void {
  addOutputFlag(addProgressFlags(addClusterFlags(program.command('apply <plan-file>')
    .description('Hookline: carry out exactly a plan saved by `hookline plan ... -o FILE.json`; refuses, changing nothing, when the release or an object it covers changed since')
    .option('--history-max <n>', 'limit the maximum number of revisions saved per release; 0 for no limit', '10'))))
    .action(async (file: string, flags: RunFlags & { historyMax: string }) => {
      const plan = readPlanFile(file);
      // -n (HELM_NAMESPACE) wins over the namespace the plan was made for.
      flags.namespace ??= process.env.HELM_NAMESPACE || plan.namespace;
      const { result } = await runAction(flags, plan.release, plan.action, Number(flags.historyMax), (ctx) => applySavedPlan(ctx, plan))
        .catch((err: Error) => { throw new Error(`APPLY FAILED: ${err.message}`, { cause: err }); });
      if (flags.output === 'json') process.stdout.write(goJson({ type: 'result', release: result.release }) + '\n');
      else process.stdout.write(`Plan ${file} applied: ${plan.action} of "${plan.release}".\n${formatStatus(result.release)}`);
      if (result.warning) process.stderr.write(`WARNING: ${result.warning}\n`);
    });
}
