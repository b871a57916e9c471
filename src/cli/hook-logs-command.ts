// `hookline get hook-logs RELEASE [--revision N]`: the hook logs kept with a revision, as text
// (one section per hook container) or as JSON.
import type { Command } from 'commander';
import { readKeptHookLogs, type KeptHookLogs } from '../release/hook-kept-logs.ts';
import { goJson } from '../codec/go-json.ts';
import { actionContext, addClusterFlags, type ClusterFlags } from './cluster-options.ts';

type Flags = ClusterFlags & { revision?: string; output?: string };

export function formatKeptHookLogs(logs: KeptHookLogs): string {
  const out: string[] = [];
  for (const h of logs.hooks) {
    out.push(`==> ${h.event} ${h.kind}/${h.name} (weight ${h.weight}): ${h.phase}${h.attempt > 1 ? `, attempt ${h.attempt}` : ''}, finished ${h.completedAt}`);
    if (h.containers.length === 0) out.push('    (no containers)');
    for (const c of h.containers) {
      out.push(`--- pod ${c.pod}, container ${c.container}${c.truncated ? ' (earlier output cut; only the end is kept)' : ''}`);
      if (c.log !== '') out.push(c.log.replace(/\n$/, ''));
    }
  }
  return out.join('\n') + '\n';
}

export function register(program: Command): void {
  const get = program.commands.find((c) => c.name() === 'get') ?? program.command('get');
  addClusterFlags(get.command('hook-logs <release>')
    .description('Hookline: show the hook logs kept with a revision (the end of each hook container\'s output, secret values masked)')
    .option('--revision <n>', 'the revision whose hook logs to show (default: the latest)')
    .option('-o, --output <format>', 'text or json', 'text'))
    .action(async (name: string, flags: Flags) => {
      if (flags.output !== 'text' && flags.output !== 'json') throw new Error(`invalid --output "${flags.output}" for get hook-logs: use text or json`);
      if (flags.revision !== undefined && !/^[1-9][0-9]*$/.test(flags.revision)) throw new Error(`invalid --revision "${flags.revision}": use a revision number from \`hookline history ${name}\``);
      const ctx = actionContext(flags, []);
      const revision = flags.revision !== undefined ? Number(flags.revision) : (await ctx.storage.last(name)).version;
      const logs = await readKeptHookLogs(ctx.client, ctx.namespace, name, revision);
      if (!logs) throw new Error(`no hook logs kept for release "${name}" revision ${revision}: its hooks were not Jobs or Pods, did not run, or ran with --no-hooks`);
      process.stdout.write(flags.output === 'json' ? goJson(logs) + '\n' : formatKeptHookLogs(logs));
    });
}
