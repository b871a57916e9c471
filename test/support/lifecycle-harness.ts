// Runs the same lifecycle steps with the reference helm and with Hookline's library in separate
// namespaces and captures what can be compared: hook objects in creation order, each step's
// outcome, every revision's record and the objects left in the namespace.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadChart } from '../../src/chart/load.ts';
import { actionContext } from '../../src/cli/cluster-options.ts';
import type { KubeClient } from '../../src/kube/client.ts';
import type { ActionContext } from '../../src/release/context.ts';
import type { ReleaseContent } from '../../src/release/content.ts';
import { installRelease } from '../../src/release/install.ts';
import type { Release } from '../../src/storage/record.ts';
import { releaseContentFromRendered } from '../../src/release/release-content.ts';
import { rollbackRelease } from '../../src/release/rollback.ts';
import { toStoredChart } from '../../src/release/stored-chart.ts';
import { testRelease } from '../../src/release/test-release.ts';
import { timestampNow } from '../../src/gotime/timestamps.ts';
import { uninstallRelease } from '../../src/release/uninstall.ts';
import { upgradeRelease } from '../../src/release/upgrade.ts';
import { decodeRelease } from '../../src/storage/codec.ts';
import { mergeValueSources } from '../../src/values/merge-sources.ts';
import { freshNamespace, testClient, testKubeconfig } from './cluster.ts';
import { ObjectRecorder } from './object-recorder.ts';
import { runCli, type ProcessRun } from './run-process.ts';

export const lifecycleChartsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'charts');

/** One lifecycle step, with helm's flags as fields. */
export interface Step {
  action: 'install' | 'upgrade' | 'rollback' | 'uninstall' | 'test';
  set?: string[];             // --set (install, upgrade)
  revision?: number;          // rollback target; 0 or absent: the previous one
  noHooks?: boolean;          // --no-hooks
  rollbackOnFailure?: boolean; // --rollback-on-failure
  keepHistory?: boolean;      // --keep-history
  wait?: boolean;             // --wait (helm 4: --wait=watcher)
  waitForJobs?: boolean;      // --wait-for-jobs
  timeout?: string;           // --timeout in Go's syntax
}

export interface StepOutcome { action: Step['action']; ok: boolean; error?: string }

export type Tool = 'helm' | 'hookline';

export type HelmRun = ProcessRun;

/** Runs the reference helm v4 against the test cluster. */
export function runHelm(args: string[], kubeconfig = testKubeconfig()): Promise<HelmRun> {
  return runCli('helm', [...args, '--kubeconfig', kubeconfig]);
}

/** Runs Hookline's CLI against the test cluster, as runHelm runs helm. */
export function runHookline(args: string[], kubeconfig = testKubeconfig()): Promise<HelmRun> {
  return runCli('hookline', [...args, '--kubeconfig', kubeconfig]);
}

/** Splits `helm template` output into template path -> text, the shape the template engine produces. */
export function splitRendered(output: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const part of output.split(/^---\n/m)) {
    const head = /^# Source: (.*)\n/.exec(part);
    if (!head) continue;
    const previous = files.get(head[1]);
    files.set(head[1], (previous === undefined ? '' : `${previous}\n---\n`) + part.slice(head[0].length).replace(/\n$/, ''));
  }
  return files;
}

/**
 * A revision's content for Hookline. Rendering is done by the reference helm until Hookline's
 * template engine is wired in; this is the one place to switch.
 */
export async function hooklineContent(chartDir: string, release: string, namespace: string, set: string[], isUpgrade: boolean): Promise<ReleaseContent> {
  const args = ['template', release, chartDir, '--namespace', namespace, ...set.flatMap((s) => ['--set', s]), ...(isUpgrade ? ['--is-upgrade'] : [])];
  const run = await runHelm(args);
  if (run.code !== 0) throw new Error(`helm template ${chartDir} failed: ${run.stderr}`);
  const chart = loadChart(chartDir);
  const config = mergeValueSources({ set }) as Record<string, unknown>;
  return releaseContentFromRendered(splitRendered(run.stdout), toStoredChart(chart, timestampNow()), config, chart.metadata.name);
}

function timeoutMs(step: Step): number {
  const text = step.timeout ?? '60s';
  const m = /^(\d+)(s|m)$/.exec(text);
  if (!m) throw new Error(`step timeout "${text}": use whole seconds or minutes, like 30s`);
  return Number(m[1]) * (m[2] === 'm' ? 60_000 : 1000);
}

function helmArgs(step: Step, release: string, chartDir: string, namespace: string): string[] {
  const common = ['-n', namespace, '--timeout', step.timeout ?? '60s', ...(step.noHooks ? ['--no-hooks'] : [])];
  const waits = [...(step.wait ? ['--wait=watcher'] : []), ...(step.waitForJobs ? ['--wait-for-jobs'] : [])];
  const sets = (step.set ?? []).flatMap((s) => ['--set', s]);
  switch (step.action) {
    case 'install':
    case 'upgrade':
      return [step.action, release, chartDir, ...common, ...sets, ...waits, ...(step.rollbackOnFailure ? ['--rollback-on-failure'] : [])];
    case 'rollback':
      return ['rollback', release, ...(step.revision ? [String(step.revision)] : []), ...common, ...waits];
    case 'uninstall':
      return ['uninstall', release, ...common, ...(step.keepHistory ? ['--keep-history'] : []), ...(step.wait ? ['--wait'] : [])];
    case 'test':
      return ['test', release, ...common];
  }
}

export function hooklineContext(namespace: string): ActionContext {
  return actionContext({ kubeconfig: testKubeconfig(), namespace }, []);
}

/** Runs one step with Hookline's library, as the CLI would (--rollback-on-failure implies --wait, as in helm 4). */
export async function hooklineStep(ctx: ActionContext, step: Step, release: string, chartDir: string): Promise<void> {
  const wait = step.wait === true || step.rollbackOnFailure === true;
  const common = { noHooks: step.noHooks === true, wait, waitForJobs: step.waitForJobs === true, timeoutMs: timeoutMs(step), serverSideApply: true };
  switch (step.action) {
    case 'install':
      await installRelease(ctx, await hooklineContent(chartDir, release, ctx.namespace, step.set ?? [], false),
        { ...common, name: release, createNamespace: false, replace: false, rollbackOnFailure: step.rollbackOnFailure === true, dryRun: 'none' });
      return;
    case 'upgrade':
      await upgradeRelease(ctx, await hooklineContent(chartDir, release, ctx.namespace, step.set ?? [], true),
        { ...common, name: release, rollbackOnFailure: step.rollbackOnFailure === true, cleanupOnFail: false, forceReplace: false, forceConflicts: false, dryRun: false });
      return;
    case 'rollback':
      await rollbackRelease(ctx, { ...common, name: release, revision: step.revision ?? 0, forceReplace: false, forceConflicts: false, cleanupOnFail: false, dryRun: false });
      return;
    case 'uninstall':
      await uninstallRelease(ctx, { name: release, noHooks: common.noHooks, keepHistory: step.keepHistory === true, cascade: 'background', wait: step.wait === true, timeoutMs: common.timeoutMs });
      return;
    case 'test': {
      const result = await testRelease(ctx, { name: release, timeoutMs: common.timeoutMs, include: [], exclude: [] });
      if (result.error) throw result.error;
    }
  }
}

/** The release records of a namespace, decoded from Helm's Secrets, oldest first. */
export async function releaseRecords(client: KubeClient, namespace: string, release: string): Promise<Release[]> {
  const list = await client.request<{ items: Array<{ data: { release: string } }> }>('GET',
    `/api/v1/namespaces/${namespace}/secrets?labelSelector=${encodeURIComponent(`owner=helm,name=${release}`)}`);
  return list.items.map((s) => decodeRelease(Buffer.from(s.data.release, 'base64').toString('utf8'))).sort((a, b) => a.version - b.version);
}

export interface RevisionView {
  revision: number;
  status?: string;
  description?: string;
  /** "name: phase" of each hook, in the order the record stores them. */
  hooks: string[];
}

/** What comparisons look at in one namespace after the steps, with the namespace name normalised. */
export interface LifecycleResult {
  outcomes: StepOutcome[];
  /** "created Job/x" / "deleted Job/x" for hook objects, in observed order. */
  hookSequence: string[];
  revisions: RevisionView[];
  /** Kind/name of the objects the chart left in the namespace. */
  remaining: string[];
}

const recordedKinds = ['Job', 'ConfigMap', 'Pod'];
const listedCollections: Record<string, string> = {
  Job: '/apis/batch/v1/namespaces/NS/jobs',
  ConfigMap: '/api/v1/namespaces/NS/configmaps',
  Pod: '/api/v1/namespaces/NS/pods',
  Deployment: '/apis/apps/v1/namespaces/NS/deployments',
  Service: '/api/v1/namespaces/NS/services',
};

/** Release records, pods run by controllers, and the namespace's own CA ConfigMap are not the chart's objects. */
function notChartObject(kind: string, obj: { metadata: { name: string; labels?: Record<string, string>; ownerReferences?: unknown[] } }): boolean {
  if (kind === 'Secret') return obj.metadata.labels?.owner === 'helm';
  if (kind === 'Pod') return (obj.metadata.ownerReferences ?? []).length > 0;
  return kind === 'ConfigMap' && obj.metadata.name === 'kube-root-ca.crt';
}

async function remainingObjects(client: KubeClient, namespace: string): Promise<string[]> {
  const names: string[] = [];
  for (const [kind, path] of Object.entries(listedCollections)) {
    const list = await client.request<{ items: Array<{ metadata: { name: string; deletionTimestamp?: string; ownerReferences?: unknown[] } }> }>('GET', path.replace('NS', namespace));
    for (const item of list.items) if (!item.metadata.deletionTimestamp && !notChartObject(kind, item)) names.push(`${kind}/${item.metadata.name}`);
  }
  return names.sort();
}

/** Names and UIDs differ between the two namespaces; messages are compared without them. */
/**
 * Watch events of different kinds arrive on separate streams, so arrival order can swap two
 * events milliseconds apart; their resourceVersions (one etcd revision counter) give the real
 * order. The recorder asks the filter about each event just before it records it, so the
 * filter notes each recorded event's resourceVersion at the same index.
 */
export class OrderedRecording {
  readonly recorder: ObjectRecorder;
  private readonly versions: bigint[] = [];

  constructor(client: KubeClient, namespace: string) {
    this.recorder = new ObjectRecorder(client, namespace, recordedKinds, (kind, obj) => {
      if (notChartObject(kind, obj)) return true;
      this.versions.push(BigInt(obj.metadata.resourceVersion));
      return false;
    });
  }

  /** "created Job/x" / "deleted Job/x" lines of the named objects, in etcd order. */
  sequence(include: (name: string) => boolean): string[] {
    return this.recorder.seen
      .map((event, i) => ({ event, version: this.versions[i] }))
      .filter(({ event }) => include(event.name))
      .sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0))
      .map(({ event }) => `${event.verb} ${event.kind}/${event.name}`);
  }
}

export function normalise(text: string | undefined, namespace: string): string | undefined {
  return text?.split(namespace).join('NS').replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'UID');
}

/** The recorded view of a namespace, once the watches have delivered every event of the steps. */
export async function lifecycleResult(client: KubeClient, namespace: string, release: string, recording: OrderedRecording,
  outcomes: StepOutcome[], isHookName: (name: string) => boolean): Promise<LifecycleResult> {
  await recording.recorder.flush();
  const revisions = (await releaseRecords(client, namespace, release)).map((r) => ({
    revision: r.version,
    status: r.info.status,
    description: normalise(r.info.description, namespace),
    hooks: (r.hooks ?? []).map((h) => `${h.name}: ${h.last_run?.phase || 'never run'}`),
  }));
  return {
    outcomes: outcomes.map((o) => ({ ...o, error: normalise(o.error, namespace) })),
    hookSequence: recording.sequence(isHookName),
    revisions,
    remaining: await remainingObjects(client, namespace),
  };
}

export interface Scenario {
  chart: string;     // directory name under test/charts
  release: string;
  steps: Step[];
  /** Names of the chart's hook objects (everything else is a resource). */
  isHookName: (name: string) => boolean;
  /** Extra --set values per tool for install and upgrade (host ports, which the two runs cannot share). */
  toolSet?: Partial<Record<Tool, string[]>>;
}

function withToolValues(step: Step, scenario: Scenario, tool: Tool): Step {
  if (step.action !== 'install' && step.action !== 'upgrade') return step;
  return { ...step, set: [...(step.set ?? []), ...(scenario.toolSet?.[tool] ?? [])] };
}

/** Runs a scenario with one tool in a fresh namespace and returns what it left behind. */
export async function runScenario(tool: Tool, scenario: Scenario, prefix: string): Promise<LifecycleResult & { namespace: string }> {
  const client = testClient();
  const namespace = await freshNamespace(client, `${prefix}-${tool === 'helm' ? 'h' : 'k'}`);
  const chartDir = join(lifecycleChartsDir, scenario.chart);
  const recording = new OrderedRecording(client, namespace);
  await recording.recorder.started();
  const outcomes: StepOutcome[] = [];
  const ctx = hooklineContext(namespace);
  try {
    for (const scenarioStep of scenario.steps) {
      const step = withToolValues(scenarioStep, scenario, tool);
      if (tool === 'helm') {
        const run = await runHelm(helmArgs(step, scenario.release, chartDir, namespace));
        outcomes.push({ action: step.action, ok: run.code === 0, ...(run.code === 0 ? {} : { error: run.stderr.trim() }) });
      } else {
        try {
          await hooklineStep(ctx, step, scenario.release, chartDir);
          outcomes.push({ action: step.action, ok: true });
        } catch (err) {
          outcomes.push({ action: step.action, ok: false, error: `Error: ${(err as Error).message}` });
        }
      }
    }
    return { namespace, ...(await lifecycleResult(client, namespace, scenario.release, recording, outcomes, scenario.isHookName)) };
  } finally {
    recording.recorder.stop();
  }
}

/** Runs a scenario with helm and Hookline at the same time, in two namespaces. */
export async function runBoth(scenario: Scenario, prefix: string) {
  const [helm, hookline] = await Promise.all([runScenario('helm', scenario, prefix), runScenario('hookline', scenario, prefix)]);
  return { helm, hookline };
}

/** Deletes a test namespace without waiting (its finalisation runs in the background). */
export async function dropNamespace(client: KubeClient, namespace: string): Promise<void> {
  await client.request('DELETE', `/api/v1/namespaces/${namespace}`).catch(() => undefined);
}
