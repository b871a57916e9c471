// --resume on install and upgrade (continue the interrupted action of a release from its
// record) and `hookline plan resume RELEASE` (what resuming would run, changing nothing).
import type { Command } from 'commander';
import { resumePoint, resumeRelease } from '../release/resume.ts';
import type { Release } from '../release/record.ts';
import { goJson } from '../codec/go-json.ts';
import { addOutputFlag, defaultMaxHistory, parseTimeout } from './action-flags.ts';
import { actionContext, addClusterFlags } from './cluster-options.ts';
import { parallelHooksFlag, type HookControlFlagValues } from './hook-control-flags.ts';
import { runAction, type RunFlags } from './run-action.ts';

export interface ResumeFlagValues extends RunFlags, HookControlFlagValues {
  resume?: boolean;
  hooks: boolean;
  timeout: string;
  wait?: boolean;
  waitForJobs?: boolean;
  serverSide: string;
  historyMax?: string | number; // upgrade's --history-max (install has none: helm's default)
  description?: string;
}

export function addResumeFlag(cmd: Command): Command {
  return cmd.option('--resume', 'Hookline: continue this release\'s install or upgrade that was interrupted half-way, from its recorded revision (the chart is not rendered again); see `hookline plan resume`');
}

/** Runs --resume for the release; the caller prints the result as it prints its own. */
export async function resumeFromFlags(name: string | undefined, flags: ResumeFlagValues): Promise<Release> {
  if (!name) throw new Error('--resume needs the release name: hookline install NAME --resume');
  const { result } = await runAction(flags, name, 'resume', Number(flags.historyMax ?? defaultMaxHistory()), (ctx) => {
    ctx.parallelHooks = parallelHooksFlag(flags);
    return resumeRelease(ctx, name, {
      noHooks: !flags.hooks, wait: flags.wait === true, waitForJobs: flags.waitForJobs === true, timeoutMs: parseTimeout(flags.timeout),
      serverSideApply: flags.serverSide !== 'false', description: flags.description,
    });
  });
  return result;
}

export function register(program: Command): void {
  const plan = program.commands.find((c) => c.name() === 'plan') ?? program.command('plan');
  addOutputFlag(addClusterFlags(plan.command('resume <release>')
    .description('Hookline: what `--resume` would run for an interrupted install or upgrade, step by step')))
    .action(async (name: string, flags: RunFlags) => {
      const point = await resumePoint(actionContext(flags, []), name);
      const steps = point.steps.map((s) => ({ ...s, resume: s.state === 'done' ? 'skipped' : s.state === 'partly done' ? 'hooks that succeeded are skipped, a running one is waited for, the rest run' : 'runs' }));
      if (flags.output === 'json') return void process.stdout.write(goJson({ action: point.action, release: name, revision: point.release.version, steps }) + '\n');
      process.stdout.write([
        `Resume: ${point.action} ${name} (revision ${point.release.version}, now ${point.release.info.status})`,
        ...steps.map((s, i) => `${i + 1}. ${s.what}: ${s.state} — ${s.resume}`),
      ].join('\n') + '\n');
    });
}
