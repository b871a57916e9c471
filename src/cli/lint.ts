// `hookline lint CHART...`: helm lint's checks and report, exit 1 when a chart fails.
import type { Command } from 'commander';
import { lintChart, lintReport } from '../render/chart-lint.ts';
import { findingsRule, hookSafetyRule } from '../lint/hook-lint-rule.ts';
import { lintHooklineAnnotations } from '../lint/hookline-annotation-rules.ts';
import { addValueFlags, valueSources, type ValueFlagValues } from './value-flags.ts';

type LintFlags = ValueFlagValues & { strict?: boolean; namespace: string; kubeVersion?: string; output: string; hooks: boolean };

export function register(program: Command): void {
  addValueFlags(program.command('lint')
    .description('examine a chart for possible issues')
    .argument('[paths...]', 'chart directories (default: the current directory)')
    .option('--strict', 'fail on lint warnings')
    .option('-n, --namespace <name>', 'namespace scope for this request', 'default')
    .option('--kube-version <version>', 'Kubernetes version used for capabilities and deprecation checks')
    .option('--no-hooks', 'skip Hookline\'s rules (hook safety HL001-HL011, hookline.dev/ annotations HL020-HL024) and lint as helm does')
    .option('-o, --output <format>', 'table (helm\'s report) or json (one object per finding, for CI)', 'table'))
    .action((paths: string[], flags: LintFlags) => {
      const charts = paths.length > 0 ? paths : ['.'];
      const options = {
        values: valueSources(flags), strict: flags.strict ?? false, namespace: flags.namespace, kubeVersion: flags.kubeVersion,
        extraRules: flags.hooks ? [hookSafetyRule, findingsRule(lintHooklineAnnotations)] : [],
      };
      if (flags.output === 'json') {
        const findings = charts.flatMap((chart) => lintChart(chart, options).map((m) => ({ chart, ...m })));
        process.stdout.write(JSON.stringify(findings, null, 2) + '\n');
        if (findings.some((m) => m.severity === 'ERROR' || (options.strict && m.severity === 'WARNING'))) process.exitCode = 1;
        return;
      }
      const { stdout, failed } = lintReport(charts, options);
      process.stdout.write(stdout);
      const summary = `${charts.length} chart(s) linted, ${failed} chart(s) failed`;
      if (failed > 0) throw new Error(summary);
      process.stdout.write(`${summary}\n`);
    });
}
