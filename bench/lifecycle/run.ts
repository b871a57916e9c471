// Wall time of install, upgrade, rollback and uninstall of a chart with 10 Job hooks and 50
// ConfigMaps, Hookline against helm v4 on the same cluster in the same run (alternating,
// repeated), printed as a markdown table of medians and ratios. Not part of `npm test`.
//
// Usage: HOOKLINE_TEST_KUBECONFIG=<kubeconfig> node bench/lifecycle/run.ts [repetitions]
// Both tools run through their command lines with the same arguments, so each time includes
// process start-up and chart rendering.
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshNamespace, testClient, testKubeconfig } from '../../test/support/cluster.ts';
import { dropNamespace } from '../../test/support/lifecycle-harness.ts';
import { referenceTool } from '../../test/support/reference-tools.ts';

const here = dirname(fileURLToPath(import.meta.url));
const chart = join(here, 'chart');
const hooklineBin = join(here, '..', '..', 'bin', 'hookline.js');
const actions = ['install', 'upgrade', 'rollback', 'uninstall'] as const;
type Action = (typeof actions)[number];
type Timings = Record<Action, number>;
type Tool = 'helm' | 'hookline';
const release = 'bench';

/** Runs one command of a tool against the test cluster and returns its wall time in ms. */
function timedCommand(tool: Tool, args: string[]): Promise<number> {
  const [file, argv] = tool === 'helm' ? [referenceTool('helm4'), args] : [process.execPath, [hooklineBin, ...args]];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(file, [...argv, '--kubeconfig', testKubeconfig()], { env: { ...process.env, TZ: 'UTC' }, maxBuffer: 64 << 20 }, (err, _stdout, stderr) => {
      if (err) reject(new Error(`${tool} ${args.join(' ')} failed: ${stderr}`));
      else resolve(performance.now() - started);
    });
  });
}

async function cycle(tool: Tool, namespace: string): Promise<Timings> {
  const common = ['-n', namespace, '--timeout', '120s'];
  return {
    install: await timedCommand(tool, ['install', release, chart, ...common]),
    upgrade: await timedCommand(tool, ['upgrade', release, chart, ...common, '--set', 'generation=2']),
    rollback: await timedCommand(tool, ['rollback', release, '1', ...common]),
    uninstall: await timedCommand(tool, ['uninstall', release, ...common]),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const repetitions = Number(process.argv[2] ?? 3);
if (!Number.isInteger(repetitions) || repetitions < 1) throw new Error(`repetitions must be a positive integer, not "${process.argv[2]}"`);
const client = testClient();
const samples: Record<Tool, Timings[]> = { helm: [], hookline: [] };
for (let i = 0; i < repetitions; i++) {
  // Alternate which tool goes first so that neither always meets a warmer cluster.
  const order = i % 2 === 0 ? (['helm', 'hookline'] as const) : (['hookline', 'helm'] as const);
  for (const tool of order) {
    const namespace = await freshNamespace(client, `bench-${tool}`);
    samples[tool].push(await cycle(tool, namespace));
    await dropNamespace(client, namespace);
    process.stderr.write(`run ${i + 1}/${repetitions} ${tool} done\n`);
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const lines = [
  `Lifecycle wall time, 10 Job hooks per phase + 50 ConfigMaps, median of ${repetitions} runs`,
  '',
  '| action | helm v4.1.4 | Hookline | Hookline / helm |',
  '|---|---|---|---|',
];
for (const action of actions) {
  const helm = median(samples.helm.map((t) => t[action]));
  const hookline = median(samples.hookline.map((t) => t[action]));
  lines.push(`| ${action} | ${seconds(helm)} | ${seconds(hookline)} | ${(hookline / helm).toFixed(2)} |`);
}
process.stdout.write(`${lines.join('\n')}\n`);
