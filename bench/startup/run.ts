// Start-up benchmark: `hookline version` from the sources, from the bundle on Node 24 and on the
// system Node 20, and as the single executable, against `helm version` (helm v4.1.4). Whole
// processes, runs interleaved, median wall time, CPU time (user + system, steadier than wall on
// a busy machine) and peak RSS (/usr/bin/time -v), printed as a markdown table with ratios to
// helm. Builds dist/ first.
// Usage: node bench/startup/run.ts [--runs N] [--baseline FILE]
//   --baseline FILE  another single executable (e.g. one built from main) measured alongside
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { referenceTool } from '../../test/support/reference-tools.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const systemNode = '/usr/bin/node';

interface Contender { label: string; command: string; args: string[] }

const contenders: Contender[] = [
  { label: 'helm version (v4.1.4)', command: referenceTool('helm4'), args: ['version'] },
  { label: 'hookline version: single executable', command: join(root, 'dist', 'hookline'), args: ['version'] },
  { label: 'hookline version: bundle on Node 24', command: process.execPath, args: [join(root, 'dist', 'hookline.mjs'), 'version'] },
  { label: `hookline version: bundle on Node ${execFileSync(systemNode, ['--version'], { encoding: 'utf8' }).trim().slice(1)}`, command: systemNode, args: [join(root, 'dist', 'hookline.mjs'), 'version'] },
  { label: 'hookline version: sources on Node 24', command: process.execPath, args: [join(root, 'bin', 'hookline.js'), 'version'] },
  { label: 'node -e 0 (Node 24, for scale)', command: process.execPath, args: ['-e', '0'] },
];

const baselineFlag = process.argv.indexOf('--baseline');
if (baselineFlag >= 0) contenders.splice(2, 0, { label: `hookline version: ${process.argv[baselineFlag + 1]}`, command: process.argv[baselineFlag + 1], args: ['version'] });

const scratch = mkdtempSync(join(tmpdir(), 'bench-startup-'));
const report = join(scratch, 'time.txt');

interface Sample { wallMs: number; cpuMs: number; peakKb: number }

/** One whole process under /usr/bin/time -v: wall and CPU milliseconds, peak RSS in KiB. */
function measure(c: Contender): Sample {
  const started = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-v', '-o', report, c.command, ...c.args], { cwd: scratch, encoding: 'utf8' });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${c.label} failed (${result.status}): ${result.stderr}`);
  const text = readFileSync(report, 'utf8');
  const figure = (name: string) => {
    const match = new RegExp(`${name}: ([\\d.]+)`).exec(text);
    if (!match) throw new Error(`/usr/bin/time wrote no "${name}" for ${c.label}`);
    return Number(match[1]);
  };
  const cpuMs = (figure('User time \\(seconds\\)') + figure('System time \\(seconds\\)')) * 1000;
  return { wallMs, cpuMs, peakKb: figure('Maximum resident set size \\(kbytes\\)') };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const runsFlag = process.argv.indexOf('--runs');
const runs = runsFlag >= 0 ? Number(process.argv[runsFlag + 1]) : 21;
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive whole number, not "${process.argv[runsFlag + 1]}"`);
try {
  execFileSync(process.execPath, [join(root, 'scripts', 'build.ts')], { stdio: 'ignore' });
  execFileSync(process.execPath, [join(root, 'scripts', 'build-exe.ts')], { stdio: 'ignore' });
  for (const c of contenders) measure(c); // warm: page cache, Node's compile cache of the sources
  const samples = contenders.map(() => [] as Sample[]);
  // Interleaved, so a burst of load on the machine falls on every contender alike.
  for (let i = 0; i < runs; i++) contenders.forEach((c, k) => samples[k].push(measure(c)));
  const rows = contenders.map((c, k) => ({
    label: c.label,
    wall: median(samples[k].map((s) => s.wallMs)),
    cpu: median(samples[k].map((s) => s.cpuMs)),
    peak: median(samples[k].map((s) => s.peakKb)) / 1024,
  }));
  const helm = rows[0];
  console.log(`median of ${runs} runs each, interleaved, same machine, same run (CPU time in 10 ms steps)\n`);
  console.log('| command | wall ms | × helm | CPU ms | × helm | peak RSS MiB | × helm |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.label} | ${r.wall.toFixed(0)} | ${(r.wall / helm.wall).toFixed(2)} | ${r.cpu.toFixed(0)} | ${(r.cpu / helm.cpu).toFixed(2)} | ${r.peak.toFixed(1)} | ${(r.peak / helm.peak).toFixed(2)} |`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
