// `hookline lint CHART...`: helm lint's checks and report, exit 1 when a chart fails.
import type { Command } from 'commander';
import { lintReport } from '../render/chart-lint.ts';
import { addValueFlags, valueSources, type ValueFlagValues } from './value-flags.ts';

type LintFlags = ValueFlagValues & { strict?: boolean; namespace: string; kubeVersion?: string };

export function register(program: Command): void {
  addValueFlags(program.command('lint')
    .description('examine a chart for possible issues')
    .argument('[paths...]', 'chart directories (default: the current directory)')
    .option('--strict', 'fail on lint warnings')
    .option('-n, --namespace <name>', 'namespace scope for this request', 'default')
    .option('--kube-version <version>', 'Kubernetes version used for capabilities and deprecation checks'))
    .action((paths: string[], flags: LintFlags) => {
      const charts = paths.length > 0 ? paths : ['.'];
      const { stdout, failed } = lintReport(charts, {
        values: valueSources(flags), strict: flags.strict ?? false, namespace: flags.namespace, kubeVersion: flags.kubeVersion,
      });
      process.stdout.write(stdout);
      const summary = `${charts.length} chart(s) linted, ${failed} chart(s) failed`;
      if (failed > 0) throw new Error(summary);
      process.stdout.write(`${summary}\n`);
    });
}
