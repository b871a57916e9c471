// Wall time of install, upgrade, rollback and uninstall of a chart with 10 Job hooks and 50
// ConfigMaps, Hookline against helm v4 on the same cluster in the same run (alternating,
// repeated), printed as a markdown table of medians and ratios. Not part of `npm test`.
//
// Usage: HOOKLINE_TEST_KUBECONFIG=<kubeconfig> node bench/lifecycle/run.ts [repetitions]
// Hookline runs through its library; its chart is rendered before the clock starts (the
// template engine is not wired in yet), so its install/upgrade times exclude rendering and
// process start, which helm's include.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReleaseContent } from '../../src/release/content.ts';
import { installRelease } from '../../src/release/install.ts';
import { rollbackRelease } from '../../src/release/rollback.ts';
import { uninstallRelease } from '../../src/release/uninstall.ts';
import { upgradeRelease } from '../../src/release/upgrade.ts';
import { freshNamespace, testClient } from '../../test/support/cluster.ts';
import { dropNamespace, hooklineContent, hooklineContext, runHelm } from '../../test/support/lifecycle-harness.ts';

const chart = join(dirname(fileURLToPath(import.meta.url)), 'chart');
const actions = ['install', 'upgrade', 'rollback', 'uninstall'] as const;
type Action = (typeof actions)[number];
type Timings = Record<Action, number>;
const release = 'bench';
const timeout = 120_000;

async function timed(body: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await body();
  return performance.now() - started;
}

async function helmCycle(namespace: string): Promise<Timings> {
  const helm = async (args: string[]) => {
    const run = await runHelm([...args, '-n', namespace, '--timeout', '120s']);
    if (run.code !== 0) throw new Error(`helm ${args.join(' ')}: ${run.stderr}`);
  };
  return {
    install: await timed(() => helm(['install', release, chart])),
    upgrade: await timed(() => helm(['upgrade', release, chart, '--set', 'generation=2'])),
    rollback: await timed(() => helm(['rollback', release, '1'])),
    uninstall: await timed(() => helm(['uninstall', release])),
  };
}

async function hooklineCycle(namespace: string): Promise<Timings> {
  const ctx = hooklineContext(namespace);
  const first: ReleaseContent = await hooklineContent(chart, release, namespace, [], false);
  const second: ReleaseContent = await hooklineContent(chart, release, namespace, ['generation=2'], true);
  const common = { noHooks: false, wait: false, waitForJobs: false, timeoutMs: timeout, serverSideApply: true };
  return {
    install: await timed(async () => {
      await installRelease(ctx, first, { ...common, name: release, createNamespace: false, replace: false, rollbackOnFailure: false, dryRun: 'none' });
    }),
    upgrade: await timed(async () => {
      await upgradeRelease(ctx, second, { ...common, name: release, rollbackOnFailure: false, cleanupOnFail: false, forceReplace: false, forceConflicts: false, dryRun: false });
    }),
    rollback: await timed(async () => {
      await rollbackRelease(ctx, { ...common, name: release, revision: 1, forceReplace: false, forceConflicts: false, cleanupOnFail: false, dryRun: false });
    }),
    uninstall: await timed(async () => {
      await uninstallRelease(ctx, { name: release, noHooks: false, keepHistory: false, cascade: 'background', wait: false, timeoutMs: timeout });
    }),
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
const samples: Record<'helm' | 'hookline', Timings[]> = { helm: [], hookline: [] };
for (let i = 0; i < repetitions; i++) {
  // Alternate which tool goes first so that neither always meets a warmer cluster.
  const order = i % 2 === 0 ? (['helm', 'hookline'] as const) : (['hookline', 'helm'] as const);
  for (const tool of order) {
    const namespace = await freshNamespace(client, `bench-${tool}`);
    samples[tool].push(tool === 'helm' ? await helmCycle(namespace) : await hooklineCycle(namespace));
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
