// Commands that render a chart into a release: install, upgrade (with --install) and plan,
// with Helm's flags. Rendering uses the cluster's capabilities, as Helm does.
import type { Command } from 'commander';
import { clusterCapabilities } from '../kube/capabilities.ts';
import type { ActionContext } from '../release/context.ts';
import { chartContent, prepareChart, renderPreparedChart } from '../release/chart-content.ts';
import { checkNameAvailable, installRelease, prepareNamespace, type InstallOptions } from '../release/install.ts';
import { installChartCrds } from '../release/crds-install.ts';
import { checkReleaseName, releaseNameCheckError } from '../render/template-command.ts';
import { MissingDependenciesError, missingDependencies } from '../chart/dependencies.ts';
import { loadChart } from '../chart/load.ts';
import { chartCrds } from '../chart/crds.ts';
import { updateDependencies } from '../chartref/dependency-manager.ts';
import type { ReleaseContent } from '../release/content.ts';
import { planChange, planInstall, planTest, planUninstall } from '../release/plan.ts';
import { upgradeRelease, upgradeBase } from '../release/upgrade.ts';
import { GoStruct, goJsonMarshal } from '../codec/go-json.ts';
import { releaseStruct } from '../storage/record-layout.ts';
import { formatGoValue } from './structured-output.ts';
import { addDryRunFlag, addHookFlags, addOutputFlag, addProgressFlags, addWaitFlags, checkReleaseNameFor, defaultMaxHistory, dryRunMode, goIntFlag, parseTimeout } from './action-flags.ts';
import { actionContext, addClusterFlags, checkReachable } from './cluster-options.ts';
import { debugEnabled } from './global-flags.ts';
import { renderForRelease, type RenderRequest } from '../render/release-renderer.ts';
import { defaultCapabilities } from '../render/capabilities.ts';
import { runAction, type RunFlags } from './run-action.ts';
import { formatStatus } from './status-printer.ts';
import { addValueFlags, valueSources, type ValueFlagValues } from './value-flags.ts';
import { addChartSourceFlags, chartSourceOptions, type ChartSourceFlagValues } from './chart-source-flags.ts';
import { locateChart } from '../chartref/locate.ts';
import { renderNameTemplate } from './name-template.ts';
import { processRedactor } from '../release/secret-redaction.ts';
import { addHookControlFlags, parallelHooksFlag, type HookControlFlagValues } from './hook-control-flags.ts';
import { addPlanOutputFlag, emitPlanOutput, type PlanToSave } from './plan-file-commands.ts';
import { addResumeFlag, resumeFromFlags } from './resume-commands.ts';
import { addPostRendererFlags, postRendererFromFlags, type PostRendererFlagValues } from './post-renderer-flags.ts';

type ChartFlags = RunFlags & ValueFlagValues & ChartSourceFlagValues & HookControlFlagValues & PostRendererFlagValues & {
  hooks: boolean; timeout: string; wait?: boolean; waitForJobs?: boolean; dryRun?: string | boolean;
  atomic?: boolean; rollbackOnFailure?: boolean; description?: string; serverSide: string;
  createNamespace?: boolean; replace?: boolean; generateName?: boolean; install?: boolean; reuseValues?: boolean;
  resetValues?: boolean; resetThenReuseValues?: boolean; cleanupOnFail?: boolean; forceReplace?: boolean; force?: boolean;
  forceConflicts?: boolean; postHookWarning?: boolean; labels?: string; resume?: boolean; nameTemplate?: string; takeOwnership?: boolean;
  skipSchemaValidation?: boolean; hideNotes?: boolean; hideSecret?: boolean; renderSubchartNotes?: boolean; dependencyUpdate?: boolean;
  skipCrds?: boolean; enableDns?: boolean;
};

function commonChartFlags(cmd: Command, verb: string): Command {
  return addPostRendererFlags(addHookControlFlags(addChartSourceFlags(addProgressFlags(addDryRunFlag(addWaitFlags(addHookFlags(addValueFlags(addClusterFlags(cmd)), verb)))))))
    .option('--rollback-on-failure', `if set, ${verb} rolls back (uninstalls on install) when it fails; --wait is implied`)
    .option('--atomic', 'Helm 3 name of --rollback-on-failure')
    .option('--description <text>', 'add a custom description')
    .option('--server-side <mode>', 'object updates run in the server instead of the client: true, false or auto', verb === 'install' ? 'true' : 'auto')
    .option('--labels <k=v,...>', 'labels that would be added to release metadata')
    .option('--force-replace', 'force resource updates by replacement')
    .option('--force', 'Helm 3 name of --force-replace')
    .option('--force-conflicts', 'if set server-side apply will force changes against conflicts')
    .option('--take-ownership', `if set, ${verb} will ignore the check for helm annotations and take ownership of the existing resources`)
    .option('--skip-schema-validation', 'if set, disables JSON schema validation')
    .option('--hide-notes', `if set, do not show notes in ${verb} output. Does not affect presence in chart metadata`)
    .option('--hide-secret', 'hide Kubernetes Secrets when also using the --dry-run flag')
    .option('--render-subchart-notes', 'if set, render subchart notes along with the parent')
    .option('--enable-dns', 'enable DNS lookups when rendering templates')
    .option('--dependency-update', `update dependencies if they are missing before ${verb === 'install' ? 'installing' : 'upgrading'} the chart`)
    .option('--skip-crds', verb === 'install'
      ? 'if set, no CRDs will be installed. By default, CRDs are installed if not already present'
      : 'if set, no CRDs will be installed when an upgrade is performed with install flag enabled. By default, CRDs are installed if not already present, when an upgrade is performed with install flag enabled');
}

function parseLabels(text: string | undefined): Record<string, string> | undefined {
  if (!text) return undefined;
  return Object.fromEntries(text.split(',').map((kv) => {
    const i = kv.indexOf('=');
    if (i <= 0) throw new Error(`invalid --labels entry "${kv}": use key=value`);
    return [kv.slice(0, i), kv.slice(i + 1)];
  }));
}

/**
 * The cluster's capabilities; an install with --dry-run=client asks the cluster nothing and renders
 * with helm's built-in defaults, as `helm template` does (upgrade reads the cluster even then, as helm).
 */
async function renderRequest(ctx: ActionContext, name: string, revision: number, isUpgrade: boolean, flags: ChartFlags): Promise<RenderRequest> {
  const offline = !isUpgrade && dryRunMode(flags.dryRun) === 'client';
  return {
    releaseName: name, namespace: ctx.namespace, revision, isInstall: !isUpgrade, isUpgrade,
    capabilities: offline ? { kubeVersion: defaultCapabilities.kubeVersion, apiVersions: defaultCapabilities.apiVersions } : await clusterCapabilities(ctx.client),
    skipSchemaValidation: flags.skipSchemaValidation === true, subchartNotes: flags.renderSubchartNotes === true,
    postRenderer: postRendererFromFlags(flags),
    enableDns: flags.enableDns === true,
  };
}

/** --hide-secret is for dry runs only, as in helm (whose install also logs the refusal). */
function checkHideSecret(flags: ChartFlags, logRefusal = false): void {
  if (!flags.hideSecret || dryRunMode(flags.dryRun) !== 'none') return;
  const message = 'hiding Kubernetes secrets requires a dry-run mode';
  if (logRefusal) process.stderr.write(`level=ERROR msg="${message}"\n`);
  throw new Error(message);
}

/** The printed manifest with each v1 Secret replaced by helm's "HIDDEN" line (--hide-secret). */
function hideSecrets(manifest: string): string {
  return manifest.split(/^(?=---\n# Source: )/m).map((doc) =>
    /^kind:\s*Secret\s*$/m.test(doc) && /^apiVersion:\s*v1\s*$/m.test(doc)
      ? `${doc.split('\n').slice(0, 2).join('\n')}\n# HIDDEN: The Secret output has been suppressed\n` : doc).join('');
}

/** Helm's name for --generate-name: the chart's base name up to its first dot, and the time. */
function generatedName(chartPath: string): string {
  const base = chartPath.replace(/\/+$/, '').split('/').pop()!.split('.')[0] || 'chart';
  return `${base}-${Math.floor(Date.now() / 1000)}`;
}

/** install's arguments as Helm reads them: NAME CHART, or CHART with --generate-name or --name-template. */
function installArguments(args: string[], flags: { generateName?: boolean; nameTemplate?: string }): { name: string; chartPath: string } {
  if (args.length > 2) throw new Error(`expected at most two arguments, unexpected arguments: ${args.slice(2).join(', ')}`);
  if (args.length === 2) {
    if (flags.generateName) throw new Error('cannot set --generate-name and also specify a name');
    if (flags.nameTemplate) throw new Error('cannot set --name-template and also specify a name');
    return { name: args[0], chartPath: args[1] };
  }
  if (flags.nameTemplate) return { name: renderNameTemplate(flags.nameTemplate), chartPath: args[0] };
  if (!flags.generateName) throw new Error('must either provide a name or specify --generate-name');
  return { name: generatedName(args[0]), chartPath: args[0] };
}

/** helm 4 refuses the two force flags together, with cobra's words for exclusive flags. */
function checkForceFlags(flags: ChartFlags): void {
  for (const replace of ['force-replace', 'force'] as const) {
    const set = replace === 'force' ? flags.force : flags.forceReplace;
    if (set && flags.forceConflicts) {
      const group = [replace, 'force-conflicts'];
      throw new Error(`if any flags in the group [${group.join(' ')}] are set none of the others can be; [${[...group].sort().join(' ')}] were all set`);
    }
  }
}

/**
 * Before the release lock, in helm's order: the name check (valid, and free unless replaced), the
 * chart's dependencies processed, the CRDs of the charts left enabled, rendering, and the namespace
 * (created with --create-namespace), so that the lock's Lease has a namespace to live in. A dry
 * run changes nothing, so it neither creates the namespace nor takes the lock; --dry-run=client
 * does not even reach the cluster (helm's client-only install).
 */
async function prepareInstall(ctx: ActionContext, name: string, chartPath: string, flags: ChartFlags, replace: boolean): Promise<ReleaseContent> {
  // helm's order: the chart and the values, then the install action's checks.
  const dryRun = dryRunMode(flags.dryRun);
  const prepared = prepareChart(await chartWithDependencies(chartPath, flags), await valueSources(flags), false);
  if (dryRun !== 'client') await reachable(ctx);
  checkReleaseName(name);
  checkHideSecret(flags, true);
  // A name in use is refused before the CRDs go in and the chart is rendered (again under the lock).
  if (dryRun === 'none') await checkNameAvailable(ctx, name, replace).catch((err: Error) => { throw releaseNameCheckError(err); });
  // As helm: the crds/ folders go in before the cluster's capabilities are read for rendering;
  // a server dry run installs none and says so.
  if (dryRun !== 'client' && !flags.skipCrds && chartCrds(prepared.chart).length > 0) {
    if (dryRun === 'server') process.stderr.write('level=WARN msg="This chart or one of its subcharts contains CRDs. Rendering may fail or contain inaccuracies."\n');
    else await installChartCrds(ctx, prepared.chart, { serverSideApply: flags.serverSide !== 'false', forceConflicts: flags.forceConflicts === true });
  }
  const content = renderPreparedChart(renderForRelease, prepared, await renderRequest(ctx, name, 1, false, flags));
  if (dryRun === 'none') await prepareNamespace(ctx, flags.createNamespace === true);
  return content;
}

/** The chart's directory or archive; with --dependency-update, its missing dependencies fetched first, as helm does. */
async function chartWithDependencies(chartPath: string, flags: ChartFlags): Promise<string> {
  const located = await locateChart(chartPath, chartSourceOptions(flags));
  if (flags.dependencyUpdate && missingDependencies(loadChart(located)).length > 0) await updateDependencies(located, { registry: chartSourceOptions(flags) });
  return located;
}

/** helm's install words the failed reachability check its own way. */
async function reachable(ctx: ActionContext): Promise<void> {
  await checkReachable(ctx.client).catch((err: Error) => { throw new Error(`cluster reachability check failed: ${err.message}`, { cause: err }); });
}

function installOptions(name: string, flags: ChartFlags, replace: boolean): InstallOptions {
  const rollbackOnFailure = flags.rollbackOnFailure === true || flags.atomic === true;
  return {
    name, noHooks: !flags.hooks, wait: flags.wait === true || rollbackOnFailure, waitForJobs: flags.waitForJobs === true,
    timeoutMs: parseTimeout(flags.timeout), serverSideApply: flags.serverSide !== 'false', description: flags.description,
    createNamespace: flags.createNamespace === true, replace, rollbackOnFailure,
    dryRun: dryRunMode(flags.dryRun), labels: parseLabels(flags.labels), takeOwnership: flags.takeOwnership === true,
  };
}

function printResult(flags: ChartFlags, printed: Parameters<typeof formatStatus>[0], warning?: string): void {
  const shown = processRedactor.printableRelease(flags.hideSecret ? { ...printed, manifest: hideSecrets(printed.manifest ?? '') } : printed);
  // The release in helm's field order, its maps sorted, as `helm install -o json` prints it.
  if (flags.output === 'json') process.stdout.write(goJsonMarshal(new GoStruct([['type', 'result'], ['release', releaseStruct(shown)]])) + '\n');
  else if (flags.output === 'yaml') process.stdout.write(formatGoValue('yaml', releaseStruct(shown))!);
  else process.stdout.write(formatStatus(shown, { debug: debugEnabled(), showNotes: !flags.hideNotes }));
  if (warning) process.stderr.write(`WARNING: ${processRedactor.redact(warning)}\n`);
}

export function register(program: Command): void {
  addResumeFlag(addOutputFlag(commonChartFlags(program.command('install'), 'install')))
    .description('install a chart: pre-install hooks, resources, post-install hooks')
    .argument('[args...]', '[NAME] CHART')
    .option('--create-namespace', 'create the release namespace if not present')
    .option('--replace', 're-use the given name, only if that name is a deleted release which remains in the history')
    .option('-g, --generate-name', 'generate the name (and omit the NAME parameter)')
    .option('--name-template <template>', 'specify template used to name the release')
    .action(async (args: string[], flags: ChartFlags) => {
      checkForceFlags(flags);
      dryRunMode(flags.dryRun); // a bad value is refused first, unprefixed, as helm does
      if (flags.resume) return printResult(flags, await resumeFromFlags(args[0], flags));
      if (args.length === 0) throw new Error('"hookline install" requires at least 1 argument\n\nUsage:  hookline install [NAME] [CHART] [flags]');
      const { result } = await (async () => {
        const { name, chartPath } = installArguments(args, flags);
        return runAction(flags, name, 'install', 0, (ctx, content: ReleaseContent) => {
          ctx.parallelHooks = parallelHooksFlag(flags);
          return installRelease(ctx, content, installOptions(name, flags, flags.replace === true));
        },
          { prepare: (ctx) => prepareInstall(ctx, name, chartPath, flags, flags.replace === true), lock: dryRunMode(flags.dryRun) === 'none' });
      })().catch((err: Error) => { throw new Error(`INSTALLATION FAILED: ${err.message}`, { cause: err }); });
      printResult(flags, result);
    });

  addResumeFlag(addOutputFlag(commonChartFlags(program.command('upgrade <release> <chart>'), 'upgrade')))
    .description('upgrade a release: pre-upgrade hooks, resources, post-upgrade hooks')
    .option('-i, --install', 'if a release by this name doesn\'t already exist, run an install')
    .option('--create-namespace', 'if --install is set, create the release namespace if not present')
    .option('--history-max <n>', 'limit the maximum number of revisions saved per release; 0 for no limit', goIntFlag('--history-max'), defaultMaxHistory())
    .option('--reuse-values', 'reuse the last release\'s values and merge in any overrides')
    .option('--reset-values', 'reset the values to the ones built into the chart')
    .option('--reset-then-reuse-values', 'reset to the chart\'s values, then merge the last release\'s values and any overrides')
    .option('--cleanup-on-fail', 'allow deletion of new resources created in this upgrade when upgrade fails')
    .option('--post-hook-warning', 'Hookline: a failed post-upgrade hook leaves the release deployed with a warning (the lesson\'s semantics) instead of failing it (Helm\'s)')
    .action(async (name: string, chartPath: string, flags: ChartFlags & { historyMax: number }) => {
      checkForceFlags(flags);
      dryRunMode(flags.dryRun);
      if (flags.resume) return printResult(flags, await resumeFromFlags(name, flags));
      // With --install and no release to upgrade, this is Helm's install (its errors unprefixed).
      let installing: { replace: boolean } | undefined;
      let unprefixed = false;
      let located: { chart: string; values: Awaited<ReturnType<typeof valueSources>> } | undefined;
      const upgradeOrInstall = async (ctx: ActionContext, content: ReleaseContent | undefined) => {
        ctx.parallelHooks = parallelHooksFlag(flags);
        if (content && installing) return { release: await installRelease(ctx, content, installOptions(name, flags, installing.replace)), warning: undefined };
        const { last, current } = await upgradeBase(ctx, name);
        checkHideSecret(flags);
        const upgradeContent = chartContent(renderForRelease, located!.chart, located!.values, await renderRequest(ctx, name, last.version + 1, true, flags), current, {
          reuseValues: flags.reuseValues === true, resetValues: flags.resetValues === true, resetThenReuseValues: flags.resetThenReuseValues === true,
        });
        const rollbackOnFailure = flags.rollbackOnFailure === true || flags.atomic === true;
        return upgradeRelease(ctx, upgradeContent, {
          name, noHooks: !flags.hooks, wait: flags.wait === true || rollbackOnFailure, waitForJobs: flags.waitForJobs === true,
          timeoutMs: parseTimeout(flags.timeout), serverSideApply: flags.serverSide === 'auto' ? current.apply_method !== 'csa' : flags.serverSide === 'true',
          description: flags.description, rollbackOnFailure, cleanupOnFail: flags.cleanupOnFail === true,
          forceReplace: flags.forceReplace === true || flags.force === true, forceConflicts: flags.forceConflicts === true,
          dryRun: dryRunMode(flags.dryRun) !== 'none', labels: parseLabels(flags.labels), postHookFailureIsWarning: flags.postHookWarning === true,
          takeOwnership: flags.takeOwnership === true,
        });
      };
      const prepare = async (ctx: ActionContext): Promise<ReleaseContent | undefined> => {
        // Helm's --install asks the history first, and passes its errors on unprefixed (as it
        // does the missing-dependency check, which comes before the upgrade action).
        // The chart and the values are found before the upgrade action starts, their errors unprefixed too.
        unprefixed = true;
        if (flags.install) {
          await checkReachable(ctx.client);
          checkReleaseNameFor('release name is invalid: ', name);
          const history = await ctx.storage.history(name);
          const uninstalled = history.length > 0 && history[history.length - 1].info.status === 'uninstalled';
          if (history.length === 0 || uninstalled) {
            unprefixed = false;
            if (flags.output !== 'json' && flags.output !== 'yaml') process.stdout.write(`Release "${name}" does not exist. Installing it now.\n`);
            installing = { replace: uninstalled };
            return prepareInstall(ctx, name, chartPath, flags, uninstalled);
          }
        }
        located = { chart: await chartWithDependencies(chartPath, flags), values: await valueSources(flags) };
        unprefixed = false;
        // The upgrade action asks whether the cluster is reachable before it looks at the name.
        await checkReachable(ctx.client);
        checkReleaseNameFor('release name is invalid: ', name);
        return undefined;
      };
      const { result } = await runAction(flags, name, 'upgrade', flags.historyMax, upgradeOrInstall, { prepare, lock: dryRunMode(flags.dryRun) === 'none' })
        .catch((err: Error) => { throw installing || unprefixed || err instanceof MissingDependenciesError ? err : new Error(`UPGRADE FAILED: ${err.message}`, { cause: err }); });
      if (installing) return printResult(flags, result.release);
      if (flags.output === 'table') process.stdout.write(`Release "${name}" has been upgraded. Happy Helming!\n`);
      printResult(flags, result.release, result.warning);
    });

  const plan = program.command('plan').description('show, without changing the cluster, the steps an action would take: hook phases in order, resources, diffs');
  const planFlags = (cmd: Command) => addPostRendererFlags(addHookControlFlags(addChartSourceFlags(addPlanOutputFlag(addHookFlags(addWaitFlags(addValueFlags(addClusterFlags(cmd))), 'the action'))).option('--no-diff', 'do not show object diffs')));
  const emitPlan = (flags: { output?: string; diff: boolean }, p: ReturnType<typeof planInstall>, save?: PlanToSave) => emitPlanOutput(flags, p, save);
  const planOptions = (flags: ChartFlags) => ({ noHooks: !flags.hooks, wait: flags.wait === true, waitForJobs: flags.waitForJobs === true, timeoutMs: parseTimeout(flags.timeout), parallelHooks: parallelHooksFlag(flags) });
  planFlags(plan.command('install <name> <chart>')).action(async (name: string, chartPath: string, flags: ChartFlags & { diff: boolean }) => {
    const ctx = actionContext(flags, []);
    const content = chartContent(renderForRelease, await locateChart(chartPath, chartSourceOptions(flags)), await valueSources(flags), await renderRequest(ctx, name, 1, false, flags));
    const p = planInstall(name, ctx.namespace, 1, content.hooks, content.manifest, planOptions(flags));
    await emitPlan(flags, p, { ctx, source: { action: 'install', release: name, namespace: ctx.namespace, options: planOptions(flags), content, plan: p }, target: content });
  });
  planFlags(plan.command('upgrade <release> <chart>')).action(async (name: string, chartPath: string, flags: ChartFlags & { diff: boolean }) => {
    const ctx = actionContext(flags, []);
    const { last, current } = await upgradeBase(ctx, name);
    const content = chartContent(renderForRelease, await locateChart(chartPath, chartSourceOptions(flags)), await valueSources(flags), await renderRequest(ctx, name, last.version + 1, true, flags), current);
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
