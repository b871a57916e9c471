// `hookline plan` against what the action then really does: the hooks of each phase, in the
// order they run, for install, upgrade and uninstall; and the upgrade plan's resource diff.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Plan } from '../../src/release/plan.ts';
import { chart, hookline, jsonEvents, ofType, scenarioNamespace, type CliResult } from './cli.ts';
import { assertValidEventOrder } from './event-order.ts';

const release = 'planned';
const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  await Promise.all(cleanups.map((c) => c()));
});

type PhaseHooks = Array<[event: string, hooks: string[]]>;

function succeeded(result: CliResult, what: string): CliResult {
  assert.equal(result.code, 0, `${what}: exit code ${result.code}; stderr:\n${result.stderr}`);
  return result;
}

function plannedHooks(plan: Plan): PhaseHooks {
  return plan.steps.flatMap((s) => (s.type === 'hooks' ? [[s.event, s.hooks.map((h) => `${h.kind}/${h.name}`)] as [string, string[]]] : []));
}

/** Hooks each phase created, in creation order, from `-o json` events. */
function createdHooksFromEvents(stdout: string): PhaseHooks {
  const events = jsonEvents(stdout);
  assertValidEventOrder(events);
  return ofType(events, 'phase-started').map((p) => [p.event, ofType(events, 'hook-created')
    .filter((c) => c.hook.event === p.event).map((c) => `${c.hook.kind}/${c.hook.name}`)]);
}

/** Hooks each phase created, in creation order, from the progress lines (uninstall has no -o json). */
function createdHooksFromProgress(stderr: string): PhaseHooks {
  const phases: PhaseHooks = [];
  for (const line of stderr.split('\n')) {
    const phase = /^\[\s*[\d.]+s\] (\S+) hooks: /.exec(line);
    if (phase) phases.push([phase[1]!, []]);
    const created = /^\[\s*[\d.]+s\] {3}(\S+) created$/.exec(line);
    if (created) phases.at(-1)![1].push(created[1]!);
  }
  return phases;
}

async function plan(namespace: string, args: string[]): Promise<Plan> {
  return JSON.parse(succeeded(await hookline(namespace, ['plan', ...args, '-o', 'json']), `plan ${args[0]}`).stdout) as Plan;
}

async function releaseInNewNamespace(prefix: string, installed: boolean): Promise<string> {
  const { namespace, cleanup } = await scenarioNamespace(prefix);
  cleanups.push(cleanup);
  if (installed) succeeded(await hookline(namespace, ['install', release, chart('hook-logs')]), 'install');
  return namespace;
}

describe('plan lists the hooks in the order the action then runs them', { concurrency: true }, () => {
  test('install', async () => {
    const namespace = await releaseInNewNamespace('obs-plan-install', false);
    const installPlan = await plan(namespace, ['install', release, chart('hook-logs')]);
    const install = succeeded(await hookline(namespace, ['install', release, chart('hook-logs'), '-o', 'json']), 'install');
    const installed = createdHooksFromEvents(install.stdout);
    assert.deepEqual(installed.map(([event]) => event), ['pre-install', 'post-install']);
    assert.deepEqual(plannedHooks(installPlan), installed);
  });

  test('upgrade, whose plan shows the changed field', async () => {
    const namespace = await releaseInNewNamespace('obs-plan-upgrade', true);
    const upgradePlan = await plan(namespace, ['upgrade', release, chart('hook-logs'), '--set', 'generation=2']);
    const changed = upgradePlan.steps.flatMap((s) => (s.type === 'resources' ? s.resources : []));
    assert.deepEqual(changed.map((r) => [r.verb, `${r.kind}/${r.name}`]), [['update', `ConfigMap/${release}-settings`]]);
    assert.match(changed[0]!.diff ?? '', /^- {2}generation: "1"$/m);
    assert.match(changed[0]!.diff ?? '', /^\+ {2}generation: "2"$/m);
    const upgrade = succeeded(await hookline(namespace, ['upgrade', release, chart('hook-logs'), '--set', 'generation=2', '-o', 'json']), 'upgrade');
    const upgraded = createdHooksFromEvents(upgrade.stdout);
    assert.deepEqual(upgraded.map(([event]) => event), ['pre-upgrade', 'post-upgrade']);
    assert.deepEqual(plannedHooks(upgradePlan), upgraded);
    // Nothing changed since: the plan has no diff left to show.
    const settledPlan = await plan(namespace, ['upgrade', release, chart('hook-logs'), '--set', 'generation=2']);
    assert.deepEqual(settledPlan.steps.flatMap((s) => (s.type === 'resources' ? s.resources.map((r) => r.verb) : [])), ['unchanged']);
  });

  test('uninstall', async () => {
    const namespace = await releaseInNewNamespace('obs-plan-uninstall', true);
    const uninstallPlan = await plan(namespace, ['uninstall', release]);
    const uninstall = succeeded(await hookline(namespace, ['uninstall', release]), 'uninstall');
    const uninstalled = createdHooksFromProgress(uninstall.stderr);
    assert.deepEqual(uninstalled.map(([event]) => event), ['pre-delete', 'post-delete']);
    assert.deepEqual(plannedHooks(uninstallPlan), uninstalled);
  });
});
