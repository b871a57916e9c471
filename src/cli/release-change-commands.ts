// Commands that change an existing release without rendering a chart: rollback, uninstall
// and test, with Helm's flags and messages.
import type { Command } from 'commander';
import { rollbackRelease } from '../release/rollback.ts';
import { testRelease } from '../release/test-release.ts';
import { uninstallRelease } from '../release/uninstall.ts';
import { podsOf } from '../kube/pod-insight.ts';
import type { KubeClient } from '../kube/client.ts';
import type { Hook } from '../release/record.ts';
import { addDryRunFlag, addHookFlags, addProgressFlags, addWaitFlags, defaultMaxHistory, checkReleaseNameFor, dryRunFlag, dryRunMode, goIntFlag, parseTimeout } from './action-flags.ts';
import { addClusterFlags, checkFlagsReachable } from './cluster-options.ts';
import { addHookControlFlags, parallelHooksFlag, type HookControlFlagValues } from './hook-control-flags.ts';
import { runAction, type RunFlags } from './run-action.ts';
import { formatStatus } from './status-printer.ts';
import { debugEnabled } from './global-flags.ts';

type Common = RunFlags & { hooks: boolean; timeout: string; wait?: boolean; waitForJobs?: boolean; dryRun?: string | boolean };

export function register(program: Command): void {
  const rollback = program.command('rollback <release> [revision]')
    .description('roll back a release to a previous revision (the previous one when no revision is given)')
    .option('--force-replace', 'force resource updates by replacement')
    .option('--force-conflicts', 'if set server-side apply will force changes against conflicts')
    .option('--cleanup-on-fail', 'allow deletion of new resources created in this rollback when rollback fails')
    .option('--history-max <n>', 'limit the maximum number of revisions saved per release; 0 for no limit', goIntFlag('--history-max'), defaultMaxHistory())
    .option('--server-side <mode>', 'object updates run in the server instead of the client: true, false or auto', 'auto');
  addHookControlFlags(addProgressFlags(addDryRunFlag(addWaitFlags(addHookFlags(addClusterFlags(rollback), 'rollback')))))
    .action(async (name: string, revision: string | undefined, flags: Common & HookControlFlagValues & { forceReplace?: boolean; forceConflicts?: boolean; cleanupOnFail?: boolean; historyMax: number; serverSide: string }) => {
      const dryRun = dryRunMode(flags.dryRun) !== 'none';
      await checkFlagsReachable(flags);
      checkReleaseNameFor('prepareRollback: Release name is invalid: ', name);
      await runAction(flags, name, 'rollback', flags.historyMax, async (ctx) => {
        ctx.parallelHooks = parallelHooksFlag(flags);
        const previous = await ctx.storage.last(name);
        const ssa = flags.serverSide === 'auto' ? previous.apply_method === 'ssa' : flags.serverSide === 'true';
        await rollbackRelease(ctx, {
          name, revision: Number(revision ?? 0), noHooks: !flags.hooks, wait: flags.wait === true, waitForJobs: flags.waitForJobs === true,
          timeoutMs: parseTimeout(flags.timeout), serverSideApply: ssa, forceReplace: flags.forceReplace === true,
          forceConflicts: flags.forceConflicts === true, cleanupOnFail: flags.cleanupOnFail === true, dryRun,
        });
      });
      process.stdout.write('Rollback was a success! Happy Helming!\n');
    });

  const uninstall = program.command('uninstall <release...>').alias('delete')
    .description('uninstall a release: run pre-delete hooks, delete its resources, run post-delete hooks')
    .option('--keep-history', 'remove all associated resources and mark the release as deleted, but retain the release history')
    .option('--cascade <mode>', 'background, orphan or foreground: how dependents are deleted', 'background')
    .option('--ignore-not-found', 'treat "release not found" as a successful uninstall')
    .option('--description <text>', 'add a custom description');
  addProgressFlags(addDryRunFlag(addWaitFlags(addHookFlags(addClusterFlags(uninstall), 'uninstall'))))
    .action(async (names: string[], flags: Common & { keepHistory?: boolean; cascade: string; ignoreNotFound?: boolean; description?: string }) => {
      if (!['background', 'orphan', 'foreground'].includes(flags.cascade)) {
        throw new Error(`invalid cascade value (${flags.cascade}). Must be "true", "false", "background", "orphan", or "foreground"`);
      }
      const dryRun = dryRunFlag(flags.dryRun);
      await checkFlagsReachable(flags);
      for (const name of names) {
        checkReleaseNameFor('uninstall: Release name is invalid: ', name);
        const { result } = await runAction(flags, name, 'uninstall', 0, (ctx) => uninstallRelease(ctx, {
          name, noHooks: !flags.hooks, keepHistory: flags.keepHistory === true, cascade: flags.cascade as 'background',
          wait: flags.wait === true, timeoutMs: parseTimeout(flags.timeout), description: flags.description,
          dryRun, ignoreNotFound: flags.ignoreNotFound === true,
        }));
        if (result?.kept) process.stdout.write(result.kept);
        if (result) process.stdout.write(`release "${name}" uninstalled\n`);
      }
    });

  const test = program.command('test <release>')
    .description('run the tests of a release (its test hooks) and report PASSED or FAILED per test')
    .option('--filter <name=x|!name=x>', 'specify tests by attribute (currently "name") using attribute=value syntax or \'!attribute=value\' to exclude a test (can specify multiple or separate values with commas)', (v: string, prev: string[] = []) => [...prev, ...v.split(',')], [])
    .option('--logs', 'dump the logs from test pods (this runs after all tests are complete, but before any cleanup)');
  addProgressFlags(addHookFlags(addClusterFlags(test), 'test'))
    .action(async (name: string, flags: Common & { filter: string[]; logs?: boolean }) => {
      // helm's filter syntax: name=X runs only X, !name=X (or "! name=X") skips X.
      const include = flags.filter.filter((f) => f.startsWith('name=')).map((f) => f.slice(5));
      const exclude = flags.filter.filter((f) => /^!\s?name=/.test(f)).map((f) => f.replace(/^!\s?name=/, ''));
      await checkFlagsReachable(flags);
      checkReleaseNameFor('releaseTest: Release name is invalid: ', name);
      const { result, run } = await runAction(flags, name, 'test', 0, (ctx) =>
        testRelease(ctx, { name, timeoutMs: parseTimeout(flags.timeout), include, exclude }));
      process.stdout.write(formatStatus(result.release, { showNotes: false, debug: debugEnabled() }));
      if (flags.logs) {
        process.stdout.write('\n');
        for (const hook of result.ran) process.stdout.write(`POD LOGS: ${hook.name}\n${await hookLogs(run.ctx.client, result.release.namespace, hook)}\n`);
      }
      // Hookline's summary of this run (helm prints none); stderr keeps stdout as helm's.
      if (result.ran.length > 0) process.stderr.write(`\n${result.ran.map((h) => `${h.last_run.phase === 'Succeeded' ? 'PASSED' : 'FAILED'}  ${h.name}`).join('\n')}\n`);
      if (result.error) throw result.error;
    });
}

/** The whole log of a test hook's pods (a Pod hook, or the pods of a Job hook), as helm copies it. */
async function hookLogs(client: KubeClient, namespace: string, hook: Hook): Promise<string> {
  const pods = await podsOf(client, namespace, hook.kind ?? '', hook.name ?? '');
  const texts: string[] = [];
  for (const pod of pods) {
    const res = await client.requestRaw('GET', `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod.metadata.name)}/log`);
    if (res.status === 200) texts.push(res.body.toString('utf8'));
  }
  return texts.join('');
}
