// Render benchmark: wall time, CPU time (user+sys) and peak memory of `hookline template` and
// `helm template` (reference helm v4.1.4) on the same charts in the same run, interleaved,
// printed as a markdown table with ratios and their geometric means.
// Usage: node bench/render/run.ts [--runs N] [--charts DIR] [--hookline FILE]...
//   --charts DIR     every chart folder in DIR (default: the test charts and a generated one)
//   --hookline FILE  a bundled hookline, run as installed through its shebang line (with its
//                    Node flags) with this Node first on PATH, or an executable (default: node
//                    bin/hookline.js); given more than once, each is measured in the same
//                    interleaved runs and gets its own table
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { referenceTool } from '../../test/support/reference-tools.ts';
import { writeLargeChart } from './large-chart.ts';

interface Measurement {
  wallMs: number;
  cpuMs: number;
  peakKb: number;
  outputHash: string;
  outputBytes: number;
}

const testChartsDir = fileURLToPath(new URL('../../test/charts/', import.meta.url));
const timeBin = '/usr/bin/time';

/** One run under /usr/bin/time -v: wall clock measured here, CPU time and peak RSS from its report. */
function measure(command: string, args: string[], scratch: string): Measurement {
  const report = join(scratch, 'time.txt');
  const started = process.hrtime.bigint();
  const env = { ...process.env, TZ: 'UTC', XDG_CACHE_HOME: join(scratch, 'cache'), PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}` };
  const result = spawnSync(timeBin, ['-v', '-o', report, command, ...args], { env, maxBuffer: 1 << 30 });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  const text = readFileSync(report, 'utf8');
  const seconds = (label: string) => Number(new RegExp(`${label} time \\(seconds\\): ([\\d.]+)`).exec(text)?.[1] ?? NaN);
  const peak = /Maximum resident set size \(kbytes\): (\d+)/.exec(text);
  return {
    wallMs,
    cpuMs: (seconds('User') + seconds('System')) * 1000,
    peakKb: peak ? Number(peak[1]) : NaN,
    outputHash: createHash('sha256').update(result.stdout).digest('hex'),
    outputBytes: result.stdout.length,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function geomean(values: number[]): number {
  return Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);
}

interface Row { label: string; cells: string[]; wall: number; cpu: number; mem: number }

function bench(label: string, chart: string, runs: number, hooklines: Array<[string, ...string[]]>, scratch: string): Row[] {
  const args = ['template', 'rel', chart, '--kube-version', '1.33.2'];
  const helm: Measurement[] = [];
  const ours: Measurement[][] = hooklines.map(() => []);
  const runHelm = () => measure(referenceTool('helm4'), args, scratch);
  const runOurs = (hookline: [string, ...string[]]) => measure(hookline[0], [...hookline.slice(1), ...args], scratch);
  // One run each first, unmeasured: the package's code cache is written by a command's first run
  // (scripts/code-cached-run.ts), Node's compile cache and the file cache fill, as for a user's
  // second and later runs.
  runHelm();
  hooklines.forEach(runOurs);
  for (let i = 0; i < runs; i++) {
    helm.push(runHelm());
    hooklines.forEach((hookline, j) => ours[j].push(runOurs(hookline)));
  }
  const summary = (ms: Measurement[]) => ({ wall: median(ms.map((m) => m.wallMs)), cpu: median(ms.map((m) => m.cpuMs)), peak: median(ms.map((m) => m.peakKb)) });
  const h = summary(helm);
  return ours.map((measured) => {
    const o = summary(measured);
    const same = helm[0].outputHash === measured[0].outputHash ? 'yes' : 'NO';
    const ratio = { wall: o.wall / h.wall, cpu: o.cpu / h.cpu, mem: o.peak / h.peak };
    return {
      label, ...ratio,
      cells: [label, `${(helm[0].outputBytes / 1024).toFixed(0)} KiB`, same,
        h.wall.toFixed(0), o.wall.toFixed(0), ratio.wall.toFixed(2),
        h.cpu.toFixed(0), o.cpu.toFixed(0), ratio.cpu.toFixed(2),
        (h.peak / 1024).toFixed(1), (o.peak / 1024).toFixed(1), ratio.mem.toFixed(2)],
    };
  });
}

function markdown(rows: string[][]): string {
  const header = ['chart', 'output', 'same', 'helm ms', 'hookline ms', 'time x', 'helm cpu ms', 'hookline cpu ms', 'cpu x', 'helm MiB', 'hookline MiB', 'mem x'];
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

const { values: flags } = parseArgs({ options: { runs: { type: 'string', default: '5' }, charts: { type: 'string' }, hookline: { type: 'string', multiple: true } } });
const runs = Number(flags.runs);
const hooklines: Array<[string, ...string[]]> = flags.hookline?.length
  ? flags.hookline.map((file) => [resolve(file)])
  : [[process.execPath, fileURLToPath(new URL('../../bin/hookline.js', import.meta.url))]];
const scratch = mkdtempSync(join(tmpdir(), 'bench-render-'));
try {
  const charts: Array<[string, string]> = flags.charts
    ? readdirSync(flags.charts).filter((n) => existsSync(join(flags.charts!, n, 'Chart.yaml'))).sort().map((n) => [n, resolve(flags.charts!, n)])
    : ['render-basics', 'render-subcharts', 'render-files', 'render-platform'].map((n) => [n, join(testChartsDir, n)]);
  const results = charts.map(([label, dir]) => bench(label, dir, runs, hooklines, scratch));
  const generated = bench('generated: 300 templates x 40 services', writeLargeChart(scratch, 300, 40), runs, hooklines, scratch);
  hooklines.forEach((hookline, j) => {
    const rows = results.map((r) => r[j]);
    const g = { wall: geomean(rows.map((r) => r.wall)), cpu: geomean(rows.map((r) => r.cpu)), mem: geomean(rows.map((r) => r.mem)) };
    console.log(`median of ${runs} runs each after one unmeasured run, interleaved, same machine, same run; hookline: ${hookline.join(' ')} with node ${process.version}\n`);
    console.log(markdown([...rows.map((r) => r.cells),
      ['**geometric mean**', '', '', '', '', g.wall.toFixed(2), '', '', g.cpu.toFixed(2), '', '', g.mem.toFixed(2)],
      generated[j].cells]));
    console.log(`\nmax time x: ${Math.max(...rows.map((r) => r.wall)).toFixed(2)}, max mem x: ${Math.max(...rows.map((r) => r.mem)).toFixed(2)}\n`);
  });
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
