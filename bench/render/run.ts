// Render benchmark: wall time and peak memory of `hookline template` and `helm template`
// (reference helm v4.1.4) on the same charts in the same run, printed as a table with ratios.
// Usage: node bench/render/run.ts [--runs N]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { referenceTool } from '../../test/support/reference-tools.ts';
import { writeLargeChart } from './large-chart.ts';

interface Measurement {
  wallMs: number;
  peakKb: number;
  outputBytes: number;
}

const hooklineBin = fileURLToPath(new URL('../../bin/hookline.js', import.meta.url));
const chartsDir = fileURLToPath(new URL('../../test/charts/', import.meta.url));
const timeBin = '/usr/bin/time';

/** One run under /usr/bin/time -v: wall clock from its report, peak RSS in KiB. */
function measure(command: string, args: string[], cwd: string): Measurement {
  const report = join(mkdtempSync(join(tmpdir(), 'bench-')), 'time.txt');
  const started = process.hrtime.bigint();
  const result = spawnSync(timeBin, ['-v', '-o', report, command, ...args], { cwd, env: { ...process.env, TZ: 'UTC' }, maxBuffer: 1 << 30 });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  const peak = /Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(report, 'utf8'));
  return { wallMs, peakKb: peak ? Number(peak[1]) : NaN, outputBytes: result.stdout.length };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function bench(label: string, chart: string, runs: number): string[] {
  const args = ['template', 'rel', chart, '--kube-version', '1.33.2'];
  const helm: Measurement[] = [];
  const ours: Measurement[] = [];
  for (let i = 0; i < runs; i++) {
    helm.push(measure(referenceTool('helm4'), args, chartsDir));
    ours.push(measure(process.execPath, [hooklineBin, ...args], chartsDir));
  }
  const h = { wall: median(helm.map((m) => m.wallMs)), peak: median(helm.map((m) => m.peakKb)) };
  const o = { wall: median(ours.map((m) => m.wallMs)), peak: median(ours.map((m) => m.peakKb)) };
  return [label, `${(helm[0].outputBytes / 1024).toFixed(0)} KiB`, h.wall.toFixed(0), o.wall.toFixed(0), (o.wall / h.wall).toFixed(2),
    (h.peak / 1024).toFixed(1), (o.peak / 1024).toFixed(1), (o.peak / h.peak).toFixed(2)];
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n');
}

const runsFlag = process.argv.indexOf('--runs');
const runs = runsFlag >= 0 ? Number(process.argv[runsFlag + 1]) : 3;
const scratch = mkdtempSync(join(tmpdir(), 'bench-render-'));
try {
  const rows = [['chart', 'output', 'helm ms', 'hookline ms', 'time x', 'helm MiB', 'hookline MiB', 'mem x']];
  for (const name of ['render-basics', 'render-subcharts', 'render-files', 'render-platform']) rows.push(bench(name, join(chartsDir, name), runs));
  rows.push(bench('generated: 300 templates x 40 services', writeLargeChart(scratch, 300, 40), runs));
  console.log(`median of ${runs} runs each, same machine, same run\n`);
  console.log(table(rows));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
