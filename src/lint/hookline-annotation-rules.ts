// Lint rules for Hookline's own annotations: hook control values Hookline cannot use (HL020),
// ordering on a hook where it means nothing (HL021), and resource orders that cannot be run:
// unknown depends-on targets (HL022), cycles (HL023), dependencies on a later wave or malformed
// values (HL024). Each is what the action itself would refuse, found before it runs.
import { hookAnnotation } from '../manifest/hook-annotations.ts';
import { dependsOnAnnotation, HookControlError, parseHookControl, waveAnnotation } from '../manifest/hookline-annotations.ts';
import { ResourceOrderError, resourceSteps, unknownTargetFix, unknownTargetProblem, type OrderedItem } from '../manifest/resource-order.ts';
import { annotations, lineOf, renderedDocs, type Finding, type LintInput, type RenderedDoc } from './hook-rules.ts';

const orderRuleIds: Record<ResourceOrderError['rule'], string> = { 'unknown-target': 'HL022', cycle: 'HL023', 'later-wave': 'HL024', invalid: 'HL024' };

/** The annotation a HookControlError's problem is about ("annotation NAME: ..."). */
function annotationNamed(problem: string): string {
  return /^annotation ([^:]+):/.exec(problem)?.[1] ?? '';
}

export function lintHooklineAnnotations(input: LintInput): Finding[] {
  const docs = renderedDocs(input.rendered);
  const findings: Finding[] = [];
  const objectName = (d: RenderedDoc) => `${d.obj.kind}/${d.obj.metadata?.name ?? ''}`;
  const add = (d: RenderedDoc, rule: string, needle: string, message: string, fix: string, severity: Finding['severity'] = 'error') =>
    findings.push({ rule, severity, file: d.path, line: lineOf(input.sources.get(d.path), needle), object: objectName(d), message, fix });
  const hooks = docs.filter((d) => annotations(d.obj)[hookAnnotation] !== undefined);
  const resources = docs.filter((d) => annotations(d.obj)[hookAnnotation] === undefined);

  for (const d of hooks) {
    const a = annotations(d.obj);
    try {
      parseHookControl(a, objectName(d));
    } catch (err) {
      if (!(err instanceof HookControlError)) throw err;
      add(d, 'HL020', annotationNamed(err.problem), err.problem, err.fix);
    }
    for (const ordering of [dependsOnAnnotation, waveAnnotation]) {
      if (a[ordering] !== undefined) add(d, 'HL021', ordering, `${ordering} on a hook is ignored: hooks run in their phase by helm.sh/hook-weight`, `order hooks with helm.sh/hook-weight, and remove ${ordering}`, 'warning');
    }
  }

  const items: Array<OrderedItem<RenderedDoc>> = resources.map((d) => ({ item: d, kind: String(d.obj.kind ?? ''), name: String(d.obj.metadata?.name ?? ''), annotations: annotations(d.obj), source: d.path }));
  // Every unknown target is reported at once; the remaining checks need a complete graph.
  const known = new Set(items.map((i) => `${i.kind}/${i.name}`));
  let unknownTargets = false;
  for (const i of items) {
    const value = i.annotations?.[dependsOnAnnotation];
    for (const ref of (value ?? '').split(',').map((r) => r.trim()).filter((r) => r.includes('/') && !known.has(r))) {
      unknownTargets = true;
      add(i.item, 'HL022', ref, unknownTargetProblem(ref), unknownTargetFix);
    }
  }
  if (!unknownTargets) {
    try {
      resourceSteps(items);
    } catch (err) {
      if (!(err instanceof ResourceOrderError)) throw err;
      const d = items.find((i) => `${i.kind}/${i.name}` === err.ref)!.item;
      add(d, orderRuleIds[err.rule], err.rule === 'invalid' ? annotationNamed(err.problem) : dependsOnAnnotation, err.problem, err.fix);
    }
  }
  return findings;
}
