// Commands that read release history: status, history, list, get (values, manifest, hooks,
// notes, metadata, all). Output as Helm prints it.
import type { Command } from 'commander';
import type { Release } from '../storage/record.ts';
import { ReleaseNotFoundError } from '../storage/driver.ts';
import { releaseStruct } from '../storage/record-layout.ts';
import { addOutputFlag, checkReleaseNameFor, goIntFlag } from './action-flags.ts';
import { actionContext, addClusterFlags, checkReachable, type ClusterFlags } from './cluster-options.ts';
import { formatHistory, formatList, formatMetadata } from './release-views.ts';
import { formatGoValue, type OutputFormat } from './structured-output.ts';
import { computedValues, formatAnsic, formatHooks, formatStatus } from './status-printer.ts';
import { formatReleaseResources, releaseResourceObjects } from './resource-tables.ts';
import { toYaml } from '../codec/goyaml-emit.ts';
import type { GoMap } from '../govalue/types.ts';
import { listedRecords } from './release-listing.ts';
import { selectReleases, type ListSelection } from './list-selection.ts';

type Flags = ClusterFlags & { output: OutputFormat; revision?: string };

async function releaseAt(flags: Flags, name: string): Promise<Release> {
  const ctx = actionContext(flags, []);
  await checkReachable(ctx.client);
  checkReleaseNameFor('releaseContent: Release name is invalid: ', name);
  if (flags.revision !== undefined && Number(flags.revision) > 0) return ctx.storage.get(name, Number(flags.revision));
  // helm's words for a missing release; any other failure (a refused read, say) as it is.
  return ctx.storage.last(name).catch((err: Error) => { throw err instanceof ReleaseNotFoundError ? new Error('release: not found') : err; });
}

export function register(program: Command): void {
  addOutputFlag(addClusterFlags(program.command('status <release>')
    .description('display the status of the named release')
    .option('--revision <n>', 'if set, display the status of the named release with revision')))
    .action(async (name: string, flags: Flags) => {
      const release = await releaseAt(flags, name);
      const client = actionContext(flags, []).client;
      if (flags.output !== 'table') {
        // Helm 4.1 prints the release with its live resources and without the chart.
        const resources = await releaseResourceObjects(client, release);
        const shown = { ...release, chart: undefined, info: { ...release.info, resources } };
        return void process.stdout.write(formatGoValue(flags.output, releaseStruct(shown))!);
      }
      process.stdout.write(formatStatus(release, { resources: await formatReleaseResources(client, release) }));
    });

  addOutputFlag(addClusterFlags(program.command('history <release>')
    .description('fetch release history')
    .option('--max <n>', 'maximum number of revision to include in history', '256')
    .option('--hooks', 'show each revision\'s hook runs (phase, start, duration)')))
    .action(async (name: string, flags: Flags & { max: string; hooks?: boolean }) => {
      const ctx = actionContext(flags, []);
      await checkReachable(ctx.client);
      checkReleaseNameFor('release name is invalid: ', name);
      const history = (await ctx.storage.history(name)).slice(-Number(flags.max));
      if (history.length === 0) throw new Error('release: not found');
      process.stdout.write(flags.hooks ? formatHookHistory(history) : formatHistory(history, flags.output));
    });

  addOutputFlag(addClusterFlags(program.command('list').alias('ls')
    .description('list releases')
    .option('-A, --all-namespaces', 'list releases across all namespaces')
    .option('--deployed', 'show deployed releases').option('--failed', 'show failed releases')
    .option('--pending', 'show pending releases').option('--superseded', 'show superseded releases')
    .option('--uninstalled', 'show uninstalled releases (if \'hookline uninstall --keep-history\' was used)')
    .option('--uninstalling', 'show releases that are currently being uninstalled')
    .option('-f, --filter <regex>', 'a regular expression; only releases whose name matches are listed')
    .option('-l, --selector <selector>', 'selector (label query) to filter on, supports \'=\', \'==\', and \'!=\' (e.g. -l key1=value1,key2=value2)')
    .option('-m, --max <n>', 'maximum number of releases to fetch', goIntFlag('--max'), 256)
    .option('--offset <n>', 'next release index in the list, used to offset from start value', goIntFlag('--offset'), 0)
    .option('-d, --date', 'sort by release date')
    .option('-r, --reverse', 'reverse the sort order')
    .option('--no-headers', 'don\'t print headers when using the default output format')
    .option('--time-format <layout>', 'format time using golang time formatter. Example: --time-format "2006-01-02 15:04:05Z0700"')
    .option('-q, --short', 'output short (quiet) listing format')))
    .action(async (flags: Flags & ListSelection & { allNamespaces?: boolean; date?: boolean; headers: boolean; timeFormat?: string; short?: boolean }) => {
      const records = await listedRecords(flags, flags.allNamespaces === true);
      const rows = selectReleases(records, { ...flags, byDate: flags.date === true });
      process.stdout.write(formatList(rows, flags.output, { short: flags.short === true, noHeaders: !flags.headers, timeFormat: flags.timeFormat }));
    });

  const get = program.command('get').description('download extended information of a named release');
  const getCmd = (what: string, describe: string, render: (r: Release, flags: Flags & { all?: boolean }) => string) =>
    addClusterFlags(get.command(`${what} <release>`).description(describe).option('--revision <n>', 'get the named release with revision'))
      .action(async (name: string, flags: Flags & { all?: boolean }) => {
        process.stdout.write(render(await releaseAt(flags, name), flags));
      });
  addOutputFlag(getCmd('values', 'download the values file for a named release', (r, f) => {
    const values = (f.all ? computedValues(r) : (r.config ?? null)) as GoMap | null;
    return formatGoValue(f.output, values) ?? `${f.all ? 'COMPUTED' : 'USER-SUPPLIED'} VALUES:\n${toYaml(values)}\n`;
  }).option('-a, --all', 'dump all (computed) values'));
  // helm prints the manifest with Println: one more line break.
  getCmd('manifest', 'download the manifest for a named release', (r) => `${r.manifest ?? ''}\n`);
  getCmd('hooks', 'download all hooks for a named release', formatHooks);
  getCmd('notes', 'download the notes for a named release', (r) => (r.info.notes ? `NOTES:\n${r.info.notes}\n` : ''));
  addOutputFlag(getCmd('metadata', 'fetch metadata for a given release', (r, f) => formatMetadata(r, f.output)));
  // helm's status printer in its debug form, with the chart's name and versions.
  getCmd('all', 'download all information for a named release', (r) => formatStatus(r, { debug: true, showMetadata: true }));
}

/** `history --hooks`: each revision's hook runs with phase, start and duration. */
function formatHookHistory(history: Release[]): string {
  const lines: string[] = [];
  for (const r of history) {
    lines.push(`REVISION ${r.version}  ${r.info.status}  ${r.info.description ?? ''}`);
    const ran = (r.hooks ?? []).filter((h) => h.last_run?.started_at);
    if (ran.length === 0) lines.push('  (no hook runs recorded)');
    for (const h of ran.sort((a, b) => (a.last_run.started_at ?? '').localeCompare(b.last_run.started_at ?? ''))) {
      const ms = h.last_run.completed_at ? Date.parse(h.last_run.completed_at) - Date.parse(h.last_run.started_at!) : NaN;
      lines.push(`  ${(h.events ?? []).join(',').padEnd(14)} ${`${h.kind}/${h.name}`.padEnd(40)} ${h.last_run.phase.padEnd(9)} started ${formatAnsic(h.last_run.started_at)}${Number.isNaN(ms) ? '' : `, took ${(ms / 1000).toFixed(1)}s`}`);
    }
  }
  return lines.join('\n') + '\n';
}
