// Dependency processing as Helm's ProcessDependencies (pkg/chart/v2/util/dependencies.go):
// aliases copy a subchart under a new name, tags then conditions enable or disable each
// dependency (disabled subcharts are removed, recursively), then import-values copy
// child values into the parent, deepest charts first.
import { semverSatisfies } from '../funcs/semver.ts';
import { isGoMap, type GoMap, type GoValue } from '../govalue/types.ts';
import { coalesceValues, deepCopyMap, mergeChartValues, mergeTables } from './coalesce.ts';
import { warnToStderr, type ChartWarn } from './warnings.ts';
import { type Chart, type ChartDependency } from './types.ts';

/**
 * Applies aliases, tags, conditions and import-values to `chart` in place, given the
 * user's values. Call before coalescing values for rendering, as Helm's install does.
 */
export function processDependencies(chart: Chart, userValues: GoMap, warn: ChartWarn = warnToStderr): void {
  processDependencyEnabled(chart, userValues, '', warn);
  processDependencyImportValues(chart, warn);
}

/** Names listed in Chart.yaml dependencies that have no chart in charts/ (Helm's CheckDependencies). */
export function missingDependencies(chart: Chart): string[] {
  const present = new Set(chart.dependencies.map((d) => d.metadata.name));
  return chart.metadata.dependencies.filter((r) => !present.has(r.name)).map((r) => r.name);
}

/** A chart whose Chart.yaml names dependencies that charts/ lacks: install, upgrade and template refuse it. */
export class MissingDependenciesError extends Error {}

/** Helm's check before rendering (CheckDependencies, as its install, upgrade and template commands word it). */
export function checkDependenciesPresent(chart: Chart): void {
  const missing = missingDependencies(chart);
  if (missing.length === 0) return;
  throw new MissingDependenciesError('an error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies: '
    + `found in Chart.yaml, but missing in charts/ directory: ${missing.join(', ')}`);
}

/** helm lint's dependency rules: an error for subcharts Chart.yaml does not name or names twice, a warning for missing ones. */
export function dependencyLintProblems(chart: Chart): Array<{ severity: 'ERROR' | 'WARNING'; text: string }> {
  const problems: Array<{ severity: 'ERROR' | 'WARNING'; text: string }> = [];
  const named = new Set(chart.metadata.dependencies.map((d) => d.name));
  const unnamed = chart.dependencies.map((d) => d.metadata.name).filter((n) => !named.has(n));
  if (unnamed.length > 0) problems.push({ severity: 'ERROR', text: `chart metadata is missing these dependencies: ${unnamed.join(',')}` });
  const seen = new Set<string>();
  const shadowing: string[] = [];
  for (const d of chart.metadata.dependencies) {
    const key = d.alias || d.name;
    if (seen.has(key)) shadowing.push(key);
    seen.add(key);
  }
  if (shadowing.length > 0) problems.push({ severity: 'ERROR', text: `multiple dependencies with name or alias: ${shadowing.join(',')}` });
  const missing = missingDependencies(chart);
  if (missing.length > 0) problems.push({ severity: 'WARNING', text: `chart directory is missing these dependencies: ${missing.join(',')}` });
  return problems;
}

/** Helm's IsCompatibleRange: false when either the range or the version does not parse. */
export function isCompatibleRange(constraint: string, version: string): boolean {
  try {
    return semverSatisfies(constraint, version);
  } catch {
    return false;
  }
}

function setDependencies(chart: Chart, deps: Chart[]): void {
  chart.dependencies = deps;
  for (const d of deps) d.parent = chart;
}

/** The subchart a dependency entry refers to, copied (and renamed when aliased). */
function aliasDependency(charts: Chart[], dep: ChartDependency): Chart | undefined {
  const found = charts.find((c) => c.metadata.name === dep.name && isCompatibleRange(dep.version, c.metadata.version));
  if (!found) return undefined;
  const copy: Chart = {
    ...found,
    metadata: { ...found.metadata, dependencies: found.metadata.dependencies.map((d) => ({ ...d })) },
    dependencies: [],
  };
  // Shallow copies of the grandchildren keep one alias from corrupting another's parent link.
  setDependencies(copy, found.dependencies.map((d) => ({ ...d })));
  if (dep.alias !== '') copy.metadata.name = dep.alias;
  return copy;
}

function processDependencyEnabled(chart: Chart, values: GoMap, path: string, warn: ChartWarn): void {
  const reqs = chart.metadata.dependencies;
  if (reqs.length === 0) return;

  // Subcharts that no Chart.yaml entry claims are kept as they are.
  const kept = chart.dependencies.filter(
    (existing) => !reqs.some((r) => existing.metadata.name === r.name && isCompatibleRange(r.version, existing.metadata.version)),
  );
  const current = chart.dependencies;
  for (const req of reqs) {
    const sub = aliasDependency(current, req);
    if (sub) kept.push(sub);
    if (req.alias !== '') req.name = req.alias;
  }
  setDependencies(chart, kept);

  for (const r of reqs) r.enabled = true;
  const cvals = coalesceValues(chart, values, warn);
  applyTags(reqs, cvals, warn);
  applyConditions(reqs, cvals, path, warn);

  const disabled = new Set(reqs.filter((r) => !r.enabled).map((r) => r.name));
  const enabledCharts = chart.dependencies.filter((c) => !disabled.has(c.metadata.name));
  const enabledReqs = reqs.filter((r) => !disabled.has(r.name));
  for (const sub of enabledCharts) processDependencyEnabled(sub, cvals, `${path}${sub.metadata.name}.`, warn);
  chart.metadata.dependencies = enabledReqs;
  setDependencies(chart, enabledCharts);
}

/** A dependency is disabled only when it has a false tag and no true one. */
function applyTags(reqs: ChartDependency[], cvals: GoMap, warn: ChartWarn): void {
  const tags = tableAt(cvals, 'tags');
  if (!tags) return;
  for (const r of reqs) {
    let hasTrue = false;
    let hasFalse = false;
    for (const tag of r.tags) {
      if (!(tag in tags)) continue;
      const v = tags[tag];
      if (typeof v === 'boolean') {
        if (v) hasTrue = true;
        else hasFalse = true;
      } else {
        warn('WARN', 'returned non-bool value', { tag, chart: r.name });
      }
    }
    if (!hasTrue && hasFalse) r.enabled = false;
    else r.enabled = true;
  }
}

/** The first condition path that resolves to a bool decides; conditions override tags. */
function applyConditions(reqs: ChartDependency[], cvals: GoMap, cpath: string, warn: ChartWarn): void {
  for (const r of reqs) {
    for (const condition of r.condition.trim().split(',')) {
      if (condition.length === 0) continue;
      const found = pathValue(cvals, cpath + condition);
      if (found === undefined) continue;
      if (typeof found.value === 'boolean') {
        r.enabled = found.value;
        break;
      }
      warn('WARN', 'returned non-bool value', { path: condition, chart: r.name });
    }
  }
}

/** Helm's Values.PathValue: a non-table value at a dotted path, or undefined. */
export function pathValue(values: GoMap, path: string): { value: GoValue } | undefined {
  const parts = path.split('.');
  const key = parts.pop()!;
  const table = parts.length === 0 ? values : tableAt(values, parts.join('.'));
  if (!table || !(key in table) || isGoMap(table[key])) return undefined;
  return { value: table[key] };
}

/** Helm's Values.Table: the map at a dotted path, or undefined. */
export function tableAt(values: GoMap, path: string): GoMap | undefined {
  let table: GoMap = values;
  for (const name of path.split('.')) {
    const next = table[name];
    if (!(name in table) || !isGoMap(next)) return undefined;
    table = next;
  }
  return table;
}

function processDependencyImportValues(chart: Chart, warn: ChartWarn): void {
  for (const sub of chart.dependencies) processDependencyImportValues(sub, warn);
  processImportValues(chart, warn);
}

/** Copies each dependency's import-values into the parent; the parent's own values still win. */
function processImportValues(chart: Chart, warn: ChartWarn): void {
  if (chart.metadata.dependencies.length === 0) return;
  const cvals = mergeChartValues(chart, {}, warn);
  let imported: GoMap = {};
  for (const r of chart.metadata.dependencies) {
    const normalized: GoValue[] = [];
    for (const iv of r.importValues) {
      if (isGoMap(iv)) {
        const child = goSprintV(iv.child);
        const parent = goSprintV(iv.parent);
        normalized.push({ child, parent });
        const table = tableAt(cvals, `${r.name}.${child}`);
        if (!table) {
          warn('WARN', 'ImportValues missing table from chart', { chart: r.name, error: `${JSON.stringify(missingTableKey(cvals, `${r.name}.${child}`))} is not a table` });
          continue;
        }
        imported = mergeTables(imported, pathToMap(parent, deepCopyMap(table)), warn);
      } else if (typeof iv === 'string') {
        const child = `exports.${iv}`;
        normalized.push({ child, parent: '.' });
        const table = tableAt(cvals, `${r.name}.${child}`);
        if (!table) {
          warn('WARN', 'ImportValues missing table', { error: `${JSON.stringify(missingTableKey(cvals, `${r.name}.${child}`))} is not a table` });
          continue;
        }
        imported = mergeTables(imported, deepCopyMap(table), warn);
      }
    }
    r.importValues = normalized;
  }
  chart.values = mergeTables(deepCopyMap(cvals), imported, warn);
}

/** The first path element at which Values.Table fails (named in Helm's warning). */
function missingTableKey(values: GoMap, path: string): string {
  let table: GoMap = values;
  for (const name of path.split('.')) {
    const next = table[name];
    if (!isGoMap(next)) return name;
    table = next;
  }
  return '';
}

function pathToMap(path: string, data: GoMap): GoMap {
  if (path === '.') return data;
  let current: GoMap = data;
  for (const key of path.split('.').reverse()) current = { [key]: current };
  return current;
}

// fmt.Sprintf("%v") of the scalars import-values entries hold.
function goSprintV(v: GoValue | undefined): string {
  if (v === undefined || v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return String(v);
}
