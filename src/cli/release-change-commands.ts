// Commands that change an existing release without rendering a chart: rollback, uninstall
// and test, with Helm's flags and messages.
import type { Command } from 'commander';
import { rollbackRelease } from '../release/rollback.ts';
import { testRelease } from '../release/test-release.ts';
import { uninstallRelease } from '../release/uninstall.ts';
import { podsOf, logTail } from '../kube/pod-insight.ts';
import { addDryRunFlag, addHookFlags, addProgressFlags, addWaitFlags, dryRunMode, parseTimeout } from './action-flags.ts';
import { addClusterFlags } from './cluster-options.ts';
import { addHookControlFlags, parallelHooksFlag, type HookControlFlagValues } from './hook-control-flags.ts';
import { runAction, type RunFlags } from './run-action.ts';
import { formatStatus, testHooks } from './status-printer.ts';

type Common = RunFlags & { hooks: boolean; timeout: string; wait?: boolean; waitForJobs?: boolean; dryRun?: string | boolean };

export function register(program: Command): void {
  const rollback = program.command('rollback <release> [revision]')
    .description('roll back a release to a previous revision (the previous one when no revision is given)')
    .option('--force-replace', 'force resource updates by replacement')
    .option('--force-conflicts', 'if set server-side apply will force changes against conflicts')
    .option('--cleanup-on-fail', 'allow deletion of new resources created in this rollback when rollback fails')
    .option('--history-max <n>', 'limit the maximum number of revisions saved per release; 0 for no limit', '10')
    .option('--server-side <mode>', 'object updates run in the server instead of the client: true, false or auto', 'auto');
  addHookControlFlags(addProgressFlags(addDryRunFlag(addWaitFlags(addHookFlags(addClusterFlags(rollback), 'rollback')))))
    .action(async (name: string, revision: string | undefined, flags: Common & HookControlFlagValues & { forceReplace?: boolean; forceConflicts?: boolean; cleanupOnFail?: boolean; historyMax: string; serverSide: string }) => {
      await runAction(flags, name, 'rollback', Number(flags.historyMax), async (ctx) => {
        ctx.parallelHooks = parallelHooksFlag(flags);
        const previous = await ctx.storage.last(name);
        const ssa = flags.serverSide === 'auto' ? previous.apply_method === 'ssa' : flags.serverSide === 'true';
        await rollbackRelease(ctx, {
          name, revision: Number(revision ?? 0), noHooks: !flags.hooks, wait: flags.wait === true, waitForJobs: flags.waitForJobs === true,
          timeoutMs: parseTimeout(flags.timeout), serverSideApply: ssa, forceReplace: flags.forceReplace === true,
          forceConflicts: flags.forceConflicts === true, cleanupOnFail: flags.cleanupOnFail === true, dryRun: dryRunMode(flags.dryRun) !== 'none',
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
      for (const name of names) {
        const { result } = await runAction(flags, name, 'uninstall', 0, (ctx) => uninstallRelease(ctx, {
          name, noHooks: !flags.hooks, keepHistory: flags.keepHistory === true, cascade: flags.cascade as 'background',
          wait: flags.wait === true, timeoutMs: parseTimeout(flags.timeout), description: flags.description,
          dryRun: dryRunMode(flags.dryRun) !== 'none', ignoreNotFound: flags.ignoreNotFound === true,
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
      const include = flags.filter.filter((f) => f.startsWith('name=')).map((f) => f.slice(5));
      const exclude = flags.filter.filter((f) => f.startsWith('!name=')).map((f) => f.slice(6));
      const { result, run } = await runAction(flags, name, 'test', 0, (ctx) =>
        testRelease(ctx, { name, timeoutMs: parseTimeout(flags.timeout), include, exclude }));
      process.stdout.write(formatStatus(result.release));
      if (flags.logs) {
        for (const hook of testHooks(result.release)) {
          for (const pod of await podsOf(run.ctx.client, result.release.namespace, hook.kind ?? '', hook.name ?? '')) {
            for (const c of (pod as { spec?: { containers?: Array<{ name: string }> } }).spec?.containers ?? []) {
              const lines = await logTail(run.ctx.client, result.release.namespace, pod.metadata.name, c.name, 10_000);
              process.stdout.write(`POD LOGS: ${pod.metadata.name}\n${lines.join('\n')}\n`);
            }
          }
        }
      }
      const results = testHooks(result.release).filter((h) => h.last_run?.started_at);
      process.stdout.write(`\n${results.map((h) => `${h.last_run.phase === 'Succeeded' ? 'PASSED' : 'FAILED'}  ${h.name}`).join('\n')}\n`);
      if (result.error) throw result.error;
    });
}
