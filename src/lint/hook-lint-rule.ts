// Hookline's rule sets as rules of `hookline lint`: findings become lint messages on the
// template file, with the line, the rule id and the fix.
import { chartFullPath, type Chart } from '../chart/types.ts';
import type { LintMessage, LintRule } from './chart-lint.ts';
import { lintHooks, type Finding, type LintInput } from './hook-rules.ts';

const decoder = new TextDecoder();

/** A lint rule from a rule set that reads the rendered chart and its template sources. */
export function findingsRule(findings: (input: LintInput) => Finding[]): LintRule {
  return (chart: Chart, rendered) => {
    const prefix = `${chartFullPath(chart)}/`;
    const sources = new Map(chart.templates.map((t) => [`${prefix}${t.name}`, decoder.decode(t.data)]));
    return findings({ rendered, sources }).map((f): LintMessage => ({
      severity: f.severity === 'error' ? 'ERROR' : 'WARNING',
      path: `${f.file.startsWith(prefix) ? f.file.slice(prefix.length) : f.file}:${f.line}`,
      text: `${f.rule} ${f.object}: ${f.message} (fix: ${f.fix})`,
    }));
  };
}

export const hookSafetyRule: LintRule = findingsRule(lintHooks);
