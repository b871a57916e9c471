// Commands that render a chart into a release: install, upgrade (with --install) and plan,
// with Helm's flags. Rendering uses the cluster's capabilities, as Helm does.
import type { Command } from 'commander';
import { clusterCapabilities } from '../kube/capabilities.ts';
import type { ActionContext } from '../release/context.ts';
import { chartContent, type RenderRequest } from '../release/chart-content.ts';
import { installRelease } from '../release/install.ts';
import { planChange, planInstall, planTest, planUninstall } from '../release/plan.ts';
import { upgradeRelease, upgradeBase } from '../release/upgrade.ts';
import { goJson } from '../codec/go-json.ts';
import { addDryRunFlag, addHookFlags, addOutputFlag, addProgressFlags, addWaitFlags, dryRunMode, parseTimeout } from './action-flags.ts';
import { actionContext, addClusterFlags } from './cluster-options.ts';
import { renderForRelease } from '../render/release-renderer.ts';
import { runAction, type RunFlags } from './run-action.ts';
import { formatStatus } from './status-printer.ts';
import { addValueFlags, valueSources, type ValueFlagValues } from './value-flags.ts';
import { addChartSourceFlags, chartSourceOptions, type ChartSourceFlagValues } from './chart-source-flags.ts';
import { locateChart } from '../chartref/locate.ts';
import { addHookControlFlags, parallelHooksFlag, type HookControlFlagValues } from './hook-control-flags.ts';
import { addPlanOutputFlag, emitPlanOutput, type PlanToSave } from './plan-file-commands.ts';

type ChartFlags = RunFlags & ValueFlagValues & ChartSourceFlagValues & HookControlFlagValues & {
  hooks: boolean; timeout: string; wait?: boolean; waitForJobs?: boolean; dryRun?: string | boolean;
  atomic?: boolean; rollbackOnFailure?: boolean; description?: string; serverSide: string; historyMax: string;
  createNamespace?: boolean; replace?: boolean; generateName?: boolean; install?: boolean; reuseValues?: boolean;
  resetValues?: boolean; resetThenReuseValues?: boolean; cleanupOnFail?: boolean; forceReplace?: boolean; force?: boolean;
  forceConflicts?: boolean; postHookWarning?: boolean; labels?: string;
};

function commonChartFlags(cmd: Command, verb: string): Command {
  return addHookControlFlags(addChartSourceFlags(addProgressFlags(addDryRunFlag(addWaitFlags(addHookFlags(addValueFlags(addClusterFlags(cmd)), verb))))))
    .option('--rollback-on-failure', `if set, ${verb} rolls back (uninstalls on install) when it fails; --wait is implied`)
    .option('--atomic', 'Helm 3 name of --rollback-on-failure')
    .option('--description <text>', 'add a custom description')
    .option('--server-side <mode>', 'object updates run in the server instead of the client: true, false or auto', verb === 'install' ? 'true' : 'auto')
    .option('--history-max <n>', 'limit the maximum number of revisions saved per release; 0 for no limit', '10')
    .option('--labels <k=v,...>', 'labels that would be added to release metadata');
}

function parseLabels(text: string | undefined): Record<string, string> | undefined {
  if (!text) return undefined;
  return Object.fromEntries(text.split(',').map((kv) => {
    const i = kv.indexOf('=');
    if (i <= 0) throw new Error(`invalid --labels entry "${kv}": use key=value`);
    return [kv.slice(0, i), kv.slice(i + 1)];
  }));
}

async function renderRequest(ctx: ActionContext, name: string, revision: number, isUpgrade: boolean): Promise<RenderRequest> {
  return { releaseName: name, namespace: ctx.namespace, revision, isInstall: !isUpgrade, isUpgrade, capabilities: await clusterCapabilities(ctx.client) };
}

function generatedName(chartPath: string): string {
  const base = chartPath.replace(/\/+$/, '').split('/').pop()!.split('.')[0] || 'chart';
  return `${base}-${Math.floor(Date.now() / 1000)}`;
}

async function doInstall(ctx: ActionContext, name: string, chartPath: string, flags: ChartFlags) {
  ctx.parallelHooks = parallelHooksFlag(flags);
  const content = chartContent(renderForRelease, await locateChart(chartPath, chartSourceOptions(flags)), valueSources(flags), await renderRequest(ctx, name, 1, false));
  const rollbackOnFailure = flags.rollbackOnFailure === true || flags.atomic === true;
  return installRelease(ctx, content, {
    name, noHooks: !flags.hooks, wait: flags.wait === true || rollbackOnFailure, waitForJobs: flags.waitForJobs === true,
    timeoutMs: parseTimeout(flags.timeout), serverSideApply: flags.serverSide !== 'false', description: flags.description,
    createNamespace: flags.createNamespace === true, replace: flags.replace === true, rollbackOnFailure,
    dryRun: dryRunMode(flags.dryRun), labels: parseLabels(flags.labels),
  });
}

function printResult(flags: ChartFlags, release: Parameters<typeof formatStatus>[0], warning?: string): void {
  if (flags.output === 'json') process.stdout.write(goJson({ type: 'result', release }) + '\n');
  else process.stdout.write(formatStatus(release));
  if (warning) process.stderr.write(`WARNING: ${warning}\n`);
}

export function register(program: Command): void {
  addOutputFlag(commonChartFlags(program.command('install [name] [chart]'), 'install'))
    .description('install a chart: pre-install hooks, resources, post-install hooks')
    .option('--create-namespace', 'create the release namespace if not present')
    .option('--replace', 're-use the given name, only if that name is a deleted release which remains in the history')
    .option('-g, --generate-name', 'generate the name (and omit the NAME parameter)')
    .action(async (nameArg: string | undefined, chartArg: string | undefined, flags: ChartFlags) => {
      const [name, chartPath] = flags.generateName ? [generatedName(nameArg ?? ''), nameArg] : [nameArg, chartArg];
      if (!name || !chartPath) throw new Error('must either provide a name or specify --generate-name');
      const { result } = await runAction(flags, name, 'install', Number(flags.historyMax), (ctx) => doInstall(ctx, name, chartPath, flags))
        .catch((err: Error) => { throw new Error(`INSTALLATION FAILED: ${err.message}`, { cause: err }); });
      printResult(flags, result);
    });

  addOutputFlag(commonChartFlags(program.command('upgrade <release> <chart>'), 'upgrade'))
    .description('upgrade a release: pre-upgrade hooks, resources, post-upgrade hooks')
    .option('-i, --install', 'if a release by this name doesn\'t already exist, run an install')
    .option('--create-namespace', 'if --install is set, create the release namespace if not present')
    .option('--reuse-values', 'reuse the last release\'s values and merge in any overrides')
    .option('--reset-values', 'reset the values to the ones built into the chart')
    .option('--reset-then-reuse-values', 'reset to the chart\'s values, then merge the last release\'s values and any overrides')
    .option('--cleanup-on-fail', 'allow deletion of new resources created in this upgrade when upgrade fails')
    .option('--force-replace', 'force resource updates by replacement')
    .option('--force', 'Helm 3 name of --force-replace')
    .option('--force-conflicts', 'if set server-side apply will force changes against conflicts')
    .option('--post-hook-warning', 'Hookline: a failed post-upgrade hook leaves the release deployed with a warning (the lesson\'s semantics) instead of failing it (Helm\'s)')
    .action(async (name: string, chartPath: string, flags: ChartFlags) => {
      const { result } = await runAction(flags, name, 'upgrade', Number(flags.historyMax), async (ctx) => {
        const history = await ctx.storage.history(name);
        if (history.length === 0 || history.every((r) => r.info.status === 'uninstalled')) {
          if (!flags.install) throw new Error(`"${name}" has no deployed releases`);
          return { release: await doInstall(ctx, name, chartPath, flags), warning: undefined };
        }
        ctx.parallelHooks = parallelHooksFlag(flags);
        const { last, current } = await upgradeBase(ctx, name);
        const content = chartContent(renderForRelease, await locateChart(chartPath, chartSourceOptions(flags)), valueSources(flags), await renderRequest(ctx, name, last.version + 1, true), current, {
          reuseValues: flags.reuseValues === true, resetValues: flags.resetValues === true, resetThenReuseValues: flags.resetThenReuseValues === true,
        });
        const rollbackOnFailure = flags.rollbackOnFailure === true || flags.atomic === true;
        return upgradeRelease(ctx, content, {
          name, noHooks: !flags.hooks, wait: flags.wait === true || rollbackOnFailure, waitForJobs: flags.waitForJobs === true,
          timeoutMs: parseTimeout(flags.timeout), serverSideApply: flags.serverSide === 'auto' ? current.apply_method !== 'csa' : flags.serverSide === 'true',
          description: flags.description, rollbackOnFailure, cleanupOnFail: flags.cleanupOnFail === true,
          forceReplace: flags.forceReplace === true || flags.force === true, forceConflicts: flags.forceConflicts === true,
          dryRun: dryRunMode(flags.dryRun) !== 'none', labels: parseLabels(flags.labels), postHookFailureIsWarning: flags.postHookWarning === true,
        });
      }).catch((err: Error) => { throw new Error(`UPGRADE FAILED: ${err.message}`, { cause: err }); });
      if (flags.output !== 'json') process.stdout.write(`Release "${name}" has been upgraded. Happy Helming!\n`);
      printResult(flags, result.release, result.warning);
    });

  const plan = program.command('plan').description('show, without changing the cluster, the steps an action would take: hook phases in order, resources, diffs');
  const planFlags = (cmd: Command) => addHookControlFlags(addChartSourceFlags(addPlanOutputFlag(addHookFlags(addWaitFlags(addValueFlags(addClusterFlags(cmd))), 'the action'))).option('--no-diff', 'do not show object diffs'));
  const emitPlan = (flags: { output?: string; diff: boolean }, p: ReturnType<typeof planInstall>, save?: PlanToSave) => emitPlanOutput(flags, p, save);
  const planOptions = (flags: ChartFlags) => ({ noHooks: !flags.hooks, wait: flags.wait === true, waitForJobs: flags.waitForJobs === true, timeoutMs: parseTimeout(flags.timeout), parallelHooks: parallelHooksFlag(flags) });
  planFlags(plan.command('install <name> <chart>')).action(async (name: string, chartPath: string, flags: ChartFlags & { diff: boolean }) => {
    const ctx = actionContext(flags, []);
    const content = chartContent(renderForRelease, await locateChart(chartPath, chartSourceOptions(flags)), valueSources(flags), await renderRequest(ctx, name, 1, false));
    const p = planInstall(name, ctx.namespace, 1, content.hooks, content.manifest, planOptions(flags));
    await emitPlan(flags, p, { ctx, source: { action: 'install', release: name, namespace: ctx.namespace, options: planOptions(flags), content, plan: p }, target: content });
  });
  planFlags(plan.command('upgrade <release> <chart>')).action(async (name: string, chartPath: string, flags: ChartFlags & { diff: boolean }) => {
    const ctx = actionContext(flags, []);
    const { last, current } = await upgradeBase(ctx, name);
    const content = chartContent(renderForRelease, await locateChart(chartPath, chartSourceOptions(flags)), valueSources(flags), await renderRequest(ctx, name, last.version + 1, true), current);
    const p = planChange('upgrade', current, last.version + 1, content.hooks, content.manifest, planOptions(flags));
    await emitPlan(flags, p, { ctx, source: { action: 'upgrade', release: name, namespace: ctx.namespace, options: planOptions(flags), content, plan: p }, current, target: content });
  });
  planFlags(plan.command('rollback <release> [revision]')).action(async (name: string, revision: string | undefined, flags: ChartFlags & { diff: boolean }) => {
    const ctx = actionContext(flags, []);
    const history = await ctx.storage.history(name);
    const current = history[history.length - 1];
    if (!current) throw new Error('release: not found');
    const target = history.find((r) => r.version === (revision ? Number(revision) : current.version - 1));
    if (!target) throw new Error(`release has no ${revision ?? current.version - 1} version`);
    const p = planChange('rollback', current, current.version + 1, target.hooks ?? [], target.manifest ?? '', planOptions(flags));
    await emitPlan(flags, p, { ctx, source: { action: 'rollback', release: name, namespace: ctx.namespace, options: planOptions(flags), rollbackTo: target.version, plan: p }, current, target });
  });
  planFlags(plan.command('uninstall <release>')).option('--keep-history', 'plan with --keep-history').action(async (name: string, flags: ChartFlags & { diff: boolean; keepHistory?: boolean }) => {
    const ctx = actionContext(flags, []);
    await emitPlan(flags, planUninstall(await ctx.storage.last(name), { noHooks: !flags.hooks, wait: flags.wait === true, timeoutMs: parseTimeout(flags.timeout), keepHistory: flags.keepHistory === true }));
  });
  planFlags(plan.command('test <release>')).action(async (name: string, flags: ChartFlags & { diff: boolean }) => {
    const ctx = actionContext(flags, []);
    await emitPlan(flags, planTest(await ctx.storage.last(name), { noHooks: false, wait: false, timeoutMs: parseTimeout(flags.timeout) }));
  });
}
