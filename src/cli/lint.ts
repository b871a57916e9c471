// `hookline lint CHART...`: helm lint's checks, report and verdict (exit 1 when helm's rules
// fail a chart, --strict counting helm's warnings), then Hookline's hook-safety rules in a
// section of their own: they never change helm's verdict, and fail lint with exit code 2 on
// their own (errors; warnings too with --strict-hooks). --no-hooks lints as helm alone.
import type { Command } from 'commander';
import { formatLintReport, lintChart, LintPathError, type LintMessage } from '../lint/chart-lint.ts';
import { findingsRule, hookSafetyRule } from '../lint/hook-lint-rule.ts';
import { lintHooklineAnnotations } from '../lint/hookline-annotation-rules.ts';
import { subchartPaths } from '../lint/subchart-paths.ts';
import { addValueFlags, valueSources, type ValueFlagValues } from './value-flags.ts';
import { settingsNamespace } from './settings-namespace.ts';
import { parseKubeVersion } from '../render/capabilities.ts';
import { mergeValueSources } from '../values/merge-sources.ts';

type LintFlags = ValueFlagValues & { strict?: boolean; withSubcharts?: boolean; strictHooks?: boolean; kubeVersion?: string; output: string; hooks: boolean };

/** Exit code when only Hookline's hook rules fail (helm's rules passed). */
const hookRulesFailedExitCode = 2;

/** Hookline's findings carry their rule id first (HL001 ...); everything else is helm's. */
const isHookRule = (m: LintMessage) => /^HL\d{3} /.test(m.text);

export function register(program: Command): void {
  addValueFlags(program.command('lint')
    .description('examine a chart for possible issues')
    .argument('[paths...]', 'chart directories (default: the current directory)')
    .option('--strict', 'fail on lint warnings (helm\'s rules)')
    .option('--with-subcharts', 'lint dependent charts')
    .option('--strict-hooks', 'fail (exit 2) on warnings of Hookline\'s hook-safety rules too, not only on their errors')
    .option('-n, --namespace <name>', 'namespace scope for this request')
    .option('--kube-version <version>', 'Kubernetes version used for capabilities and deprecation checks')
    .option('--no-hooks', 'skip Hookline\'s rules (hook safety HL001-HL011, hookline.dev/ annotations HL020-HL024) and lint as helm does')
    .option('-o, --output <format>', 'table (helm\'s report) or json (one object per finding, for CI)', 'table'))
    .action(async (paths: string[], flags: LintFlags) => {
      // helm refuses a bad --kube-version before it lints anything.
      if (flags.kubeVersion !== undefined) parseKubeVersion(flags.kubeVersion);
      const given = paths.length > 0 ? paths : ['.'];
      const charts = flags.withSubcharts ? [...given, ...given.flatMap(subchartPaths)] : given;
      const strict = flags.strict ?? false;
      const options = {
        values: mergeValueSources(await valueSources(flags)), strict, namespace: settingsNamespace(), kubeVersion: flags.kubeVersion,
        extraRules: flags.hooks ? [hookSafetyRule, findingsRule(lintHooklineAnnotations)] : [],
      };
      const results = charts.map((dir) => {
        let messages: LintMessage[];
        try {
          messages = lintChart(dir, options);
        } catch (err) {
          if (!(err instanceof LintPathError)) throw err;
          return { dir, helm: [], hooks: [], error: err.message };
        }
        return { dir, helm: messages.filter((m) => !isHookRule(m)), hooks: messages.filter(isHookRule), error: undefined };
      });
      const hooksFail = results.some((r) => r.hooks.some((m) => m.severity === 'ERROR' || (flags.strictHooks && m.severity === 'WARNING')));
      if (flags.output === 'json') {
        const unlinted = (r: (typeof results)[number]): LintMessage[] => (r.error === undefined ? [] : [{ severity: 'ERROR', path: '', text: r.error }]);
        const findings = results.flatMap((r) => [...unlinted(r), ...r.helm, ...r.hooks].map((m) => ({ chart: r.dir, ...m })));
        process.stdout.write(JSON.stringify(findings, null, 2) + '\n');
        const helmFails = results.some((r) => r.error !== undefined || r.helm.some((m) => m.severity === 'ERROR' || (strict && m.severity === 'WARNING')));
        if (helmFails) process.exitCode = 1;
        else if (hooksFail) process.exitCode = hookRulesFailedExitCode;
        return;
      }
      const { stdout, failed } = formatLintReport(results.map((r) => ({ dir: r.dir, messages: r.helm, error: r.error })), strict);
      process.stdout.write(stdout);
      const summary = `${charts.length} chart(s) linted, ${failed} chart(s) failed`;
      if (failed === 0) process.stdout.write(`${summary}\n`);
      const withFindings = results.filter((r) => r.hooks.length > 0);
      for (const r of withFindings) {
        process.stdout.write(`\n==> Hookline hook rules: ${r.dir}\n${r.hooks.map((m) => `[${m.severity}] ${m.path}: ${m.text}\n`).join('')}`);
      }
      if (failed > 0) throw new Error(summary);
      if (hooksFail) {
        process.stderr.write(`Error: hook-safety rules failed in ${withFindings.length} chart(s) (exit ${hookRulesFailedExitCode}; helm's rules passed)\n`);
        process.exitCode = hookRulesFailedExitCode;
      }
    });
}
