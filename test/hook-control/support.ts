// Shared by the hook-control tests: a release of the test chart whose Job hooks are given as
// data, run with Hookline's library on the test cluster, with every event the action emits.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { actionContext } from '../../src/cli/cluster-options.ts';
import { clusterCapabilities } from '../../src/kube/capabilities.ts';
import { renderForRelease } from '../../src/render/release-renderer.ts';
import { chartContent } from '../../src/release/chart-content.ts';
import type { ReleaseContent } from '../../src/release/content.ts';
import type { ActionContext } from '../../src/release/context.ts';
import type { TimedEvent } from '../../src/release/events.ts';
import { installRelease, type InstallOptions } from '../../src/release/install.ts';
import { upgradeRelease } from '../../src/release/upgrade.ts';
import { freshNamespace, testClient, testKubeconfig } from '../support/cluster.ts';
import { dropNamespace } from '../support/lifecycle-harness.ts';
import { runCli } from '../support/run-process.ts';

export const hookControlChart = join(dirname(fileURLToPath(import.meta.url)), 'chart');

/** The CLI run from the sources. */
export { hooklineBin } from '../support/run-process.ts';

/** Runs the CLI from the sources, against the test cluster unless `onCluster` is false. */
export function hooklineCli(args: string[], onCluster = true): Promise<{ code: number; stdout: string; stderr: string }> {
  const clusterArgs = onCluster ? ['--kubeconfig', testKubeconfig()] : [];
  return runCli('hookline', [...args, ...clusterArgs]);
}

/** One Job hook of the test chart. */
export interface TestHook {
  name: string;
  events?: string;
  weight?: number;
  deletePolicy?: string;
  script?: string;
  annotations?: Record<string, string>;
  /** A Secret whose `token` key the container gets as $TOKEN. */
  secretEnv?: string;
}

export interface Cluster {
  ctx: ActionContext;
  events: TimedEvent[];
  namespace: string;
  drop(): Promise<void>;
}

/** A fresh namespace with an action context that keeps every event. */
export async function freshCluster(prefix: string, maxHistory = 0): Promise<Cluster> {
  const namespace = await freshNamespace(testClient(), prefix);
  const events: TimedEvent[] = [];
  const ctx = actionContext({ kubeconfig: testKubeconfig(), namespace }, [(e) => events.push(e)], maxHistory);
  return { ctx, events, namespace, drop: () => dropNamespace(ctx.client, namespace) };
}

/** The test chart rendered by Hookline with the given hooks. */
export async function hookContent(ctx: ActionContext, release: string, hooks: TestHook[], revision = 1, extra: Record<string, unknown> = {}): Promise<ReleaseContent> {
  const dir = mkdtempSync(join(tmpdir(), 'hook-control-values-'));
  try {
    const file = join(dir, 'values.json');
    writeFileSync(file, JSON.stringify({ hooks, ...extra }));
    return chartContent(renderForRelease, hookControlChart, { valueFiles: [file] }, {
      releaseName: release, namespace: ctx.namespace, revision, isInstall: revision === 1, isUpgrade: revision > 1,
      capabilities: await clusterCapabilities(ctx.client),
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const common = { noHooks: false, wait: false, waitForJobs: false, timeoutMs: 60_000, serverSideApply: true };

export async function install(ctx: ActionContext, release: string, hooks: TestHook[], options: Partial<InstallOptions> = {}) {
  return installRelease(ctx, await hookContent(ctx, release, hooks), { ...common, name: release, createNamespace: false, replace: false, rollbackOnFailure: false, dryRun: 'none', ...options });
}

export async function upgrade(ctx: ActionContext, release: string, hooks: TestHook[], revision: number) {
  return upgradeRelease(ctx, await hookContent(ctx, release, hooks, revision), {
    ...common, name: release, rollbackOnFailure: false, cleanupOnFail: false, forceReplace: false, forceConflicts: false, dryRun: false,
  });
}

/** The error an action threw (the test fails when it did not throw). */
export async function failureOf(action: Promise<unknown>): Promise<Error> {
  try {
    await action;
  } catch (err) {
    return err as Error;
  }
  throw new Error('the action succeeded, but it was expected to fail');
}

/** "type name" of the hook events, in emitted order. */
export function hookEvents(events: TimedEvent[], ...types: TimedEvent['type'][]): string[] {
  return events.filter((e) => types.includes(e.type) && 'hook' in e).map((e) => `${e.type} ${(e as { hook: { name: string } }).hook.name}`);
}

/** Whether a Job of that name exists in the namespace. */
export async function jobExists(ctx: ActionContext, name: string): Promise<boolean> {
  try {
    await ctx.client.request('GET', `/apis/batch/v1/namespaces/${ctx.namespace}/jobs/${name}`);
    return true;
  } catch (err) {
    if ((err as { status?: number }).status === 404) return false;
    throw err;
  }
}
