// Wall time of install, upgrade, rollback and uninstall of a chart with 10 Job hooks and 50
// ConfigMaps, Hookline against helm v4 on the same cluster in the same run (alternating,
// repeated), printed as a markdown table of medians and ratios. Not part of `npm test`.
//
// Usage: HOOKLINE_TEST_KUBECONFIG=<kubeconfig> node bench/lifecycle/run.ts [repetitions] [--parallel-hooks]
// Both tools run through their command lines with the same arguments, so each time includes
// process start-up and chart rendering. --parallel-hooks gives the 10 hooks one weight and
// hookline.dev/hook-parallel (helm ignores it), times install and upgrade, and checks that
// both tools leave the same objects and release history.
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshNamespace, testClient, testKubeconfig } from '../../test/support/cluster.ts';
import { dropNamespace } from '../../test/support/lifecycle-harness.ts';
import { referenceTool } from '../../test/support/reference-tools.ts';
import { actionContext } from '../../src/cli/cluster-options.ts';

const here = dirname(fileURLToPath(import.meta.url));
const chart = join(here, 'chart');
const hooklineBin = join(here, '..', '..', 'bin', 'hookline.js');
const allActions = ['install', 'upgrade', 'rollback', 'uninstall'] as const;
type Action = (typeof allActions)[number];
type Timings = Partial<Record<Action, number>>;
type Tool = 'helm' | 'hookline';
const release = 'bench';

/** Runs one command of a tool against the test cluster and returns its wall time in ms. */
function timedCommand(tool: Tool, args: string[]): Promise<number> {
  if (parallelHooks && (args[0] === 'install' || args[0] === 'upgrade')) args = [...args, '--set', 'parallelHooks=true'];
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
  const timings: Timings = {
    install: await timedCommand(tool, ['install', release, chart, ...common]),
    upgrade: await timedCommand(tool, ['upgrade', release, chart, ...common, '--set', 'generation=2']),
  };
  if (parallelHooks) return timings;
  timings.rollback = await timedCommand(tool, ['rollback', release, '1', ...common]);
  timings.uninstall = await timedCommand(tool, ['uninstall', release, ...common]);
  return timings;
}

/** What the benchmark's actions leave behind: ConfigMaps with their data, Jobs, and each revision's status and hook phases. */
async function finalState(namespace: string): Promise<string> {
  const configMaps = await client.request<{ items: Array<{ metadata: { name: string }; data?: Record<string, string> }> }>('GET', `/api/v1/namespaces/${namespace}/configmaps`);
  const jobs = await client.request<{ items: Array<{ metadata: { name: string; deletionTimestamp?: string } }> }>('GET', `/apis/batch/v1/namespaces/${namespace}/jobs`);
  const revisions = (await actionContext({ kubeconfig: testKubeconfig(), namespace }, []).storage.history(release))
    .map((r) => `${r.version} ${r.info.status} ${(r.hooks ?? []).map((h) => h.last_run.phase).join(',')}`);
  return JSON.stringify({
    configMaps: configMaps.items.filter((c) => c.metadata.name !== 'kube-root-ca.crt').map((c) => `${c.metadata.name}=${JSON.stringify(c.data)}`).sort(),
    jobs: jobs.items.filter((j) => !j.metadata.deletionTimestamp).map((j) => j.metadata.name).sort(),
    revisions,
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const args = process.argv.slice(2);
const parallelHooks = args.includes('--parallel-hooks');
const repetitionsArg = args.find((a) => !a.startsWith('--'));
const repetitions = Number(repetitionsArg ?? 3);
if (!Number.isInteger(repetitions) || repetitions < 1) throw new Error(`repetitions must be a positive integer, not "${repetitionsArg}"`);
const actions = parallelHooks ? allActions.slice(0, 2) : allActions;
const client = testClient();
const samples: Record<Tool, Timings[]> = { helm: [], hookline: [] };
const states: Record<Tool, Set<string>> = { helm: new Set(), hookline: new Set() };
for (let i = 0; i < repetitions; i++) {
  // Alternate which tool goes first so that neither always meets a warmer cluster.
  const order = i % 2 === 0 ? (['helm', 'hookline'] as const) : (['hookline', 'helm'] as const);
  for (const tool of order) {
    const namespace = await freshNamespace(client, `bench-${tool}`);
    samples[tool].push(await cycle(tool, namespace));
    if (parallelHooks) states[tool].add((await finalState(namespace)).split(namespace).join('NS'));
    await dropNamespace(client, namespace);
    process.stderr.write(`run ${i + 1}/${repetitions} ${tool} done\n`);
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
if (parallelHooks && (states.helm.size !== 1 || states.hookline.size !== 1 || [...states.helm][0] !== [...states.hookline][0])) {
  throw new Error(`the tools left different final states:\nhelm: ${[...states.helm].join('\n')}\nhookline: ${[...states.hookline].join('\n')}`);
}
const lines = [
  `Lifecycle wall time, 10 Job hooks per phase${parallelHooks ? ' (one weight, hookline.dev/hook-parallel)' : ''} + 50 ConfigMaps, median of ${repetitions} runs${parallelHooks ? '; same final state for both tools' : ''}`,
  '',
  '| action | helm v4.1.4 | Hookline | Hookline / helm |',
  '|---|---|---|---|',
];
for (const action of actions) {
  const helm = median(samples.helm.map((t) => t[action] ?? 0));
  const hookline = median(samples.hookline.map((t) => t[action] ?? 0));
  lines.push(`| ${action} | ${seconds(helm)} | ${seconds(hookline)} | ${(hookline / helm).toFixed(2)} (helm ${(helm / hookline).toFixed(2)}x slower) |`);
}
process.stdout.write(`${lines.join('\n')}\n`);
