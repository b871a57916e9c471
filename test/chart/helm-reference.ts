// Test support: runs the reference helm v4.1.4 on a chart and reads back what each
// rendered template printed, so tests compare Hookline's chart and values handling with
// Helm's own.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { referenceTool } from '../support/reference-tools.ts';

export const chartsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'charts');

export interface HelmRun { status: number; stdout: string; stderr: string }

/** `helm template x CHART ARGS...` with TZ=UTC. */
export function helmTemplate(chart: string, args: string[], input?: string, cwd?: string): HelmRun {
  const r = spawnSync(referenceTool('helm4'), ['template', 'x', chart, ...args], {
    encoding: 'utf8', env: { ...process.env, TZ: 'UTC', HELM_CACHE_HOME: join(tmpdir(), 'hookline-helm-cache') }, input, cwd,
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The error helm printed, without its "Error: " prefix. */
export function helmError(run: HelmRun): string {
  const line = run.stderr.split('\n').find((l) => l.startsWith('Error: '));
  if (!line) throw new Error(`helm did not fail as expected:\n${run.stdout}\n${run.stderr}`);
  return line.slice('Error: '.length);
}

/** Per rendered template ("parent/charts/sub/templates/x.yaml"), the text after "# ". */
export function renderedComments(stdout: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const doc of stdout.split('---\n# Source: ').slice(1)) {
    const nl = doc.indexOf('\n');
    out.set(doc.slice(0, nl), doc.slice(nl + 1).replace(/^# /, '').trimEnd());
  }
  return out;
}

/** A throwaway copy of a fixture chart (plus a packaged .tgz subchart when asked). */
export function stageChart(fixture: string, packagedSubcharts: string[] = []): { dir: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'hookline-chart-'));
  const dir = join(root, fixture);
  cpSync(join(chartsDir, fixture), dir, { recursive: true });
  for (const sub of packagedSubcharts) {
    mkdirSync(join(dir, 'charts'), { recursive: true });
    execFileSync(referenceTool('helm4'), ['package', join(chartsDir, sub), '-d', join(dir, 'charts')], { stdio: 'ignore' });
  }
  return { dir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** A temp chart from a map of file name to content. */
export function writeChart(files: Record<string, string | Uint8Array>): { dir: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'hookline-chart-'));
  const dir = join(root, 'c');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return { dir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** JSON of a Go value tree as helm's toJson shows it: int64 as numbers, keys sorted. */
export function canonicalJson(v: unknown): string {
  const norm = (x: unknown): unknown => {
    if (x === null || typeof x !== 'object') return typeof x === 'bigint' ? Number(x) : x;
    if (Array.isArray(x)) return x.map(norm);
    if ('kind' in x && 'value' in x) return Number((x as { value: bigint }).value);
    const o = x as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).sort().map((k) => [k, norm(o[k])]));
  };
  return JSON.stringify(norm(v));
}
