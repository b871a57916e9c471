// A failing hook explains itself: the reason (BackoffLimitExceeded, DeadlineExceeded, the
// container's exit), its last log lines and the related events, both on the terminal and in the
// `-o json` hook-finished event. Each failure runs twice, in separate namespaces, concurrently.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { HookFailure } from '../../src/release/events.ts';
import { chart, hookline, jsonEvents, ofType, scenarioNamespace, type CliResult } from './cli.ts';
import { assertValidEventOrder } from './event-order.ts';

const release = 'broken';
const hookName = `${release}-check`;
const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  await Promise.all(cleanups.map((c) => c()));
});

interface Case {
  mode: string;
  kind: string;
  reason: string;
  exitCode?: number;
  /** What the container printed (test/observe/charts/failing-hook). */
  logTail: string[];
  /** An event, as the terminal shows it, that says why. */
  event: RegExp;
  /** Extra flags for the terminal run. */
  terminalFlags: string[];
}

const cases: Case[] = [
  { mode: 'backoff', kind: 'Job', reason: 'BackoffLimitExceeded', exitCode: 3, logTail: ['connecting', 'connection refused'],
    event: new RegExp(`^Warning BackoffLimitExceeded Job/${hookName}: `), terminalFlags: [] },
  // The Job controller deletes the pods of a Job past its deadline, and their logs with them:
  // only lines followed while the hook ran (--hook-logs) can still be shown.
  { mode: 'deadline', kind: 'Job', reason: 'DeadlineExceeded', logTail: ['waiting for the database'],
    event: new RegExp(`^Warning DeadlineExceeded Job/${hookName}: `), terminalFlags: ['--hook-logs'] },
  { mode: 'pod', kind: 'Pod', reason: 'Error', exitCode: 4, logTail: ['checking schema', 'schema is missing table users'],
    event: new RegExp(`^Normal Started Pod/${hookName}: `), terminalFlags: [] },
];

async function installFailing(c: Case, extra: string[]): Promise<CliResult> {
  const { namespace, cleanup } = await scenarioNamespace(`obs-fail-${c.mode}`);
  cleanups.push(cleanup);
  const result = await hookline(namespace, ['install', release, chart('failing-hook'), '--set', `mode=${c.mode}`, ...extra]);
  assert.equal(result.code, 1, `the install should fail; stderr:\n${result.stderr}`);
  return result;
}

/** The explanation block the terminal prints under "<hook> FAILED", without stamps and indentation. */
function explanation(stderr: string, c: Case): string[] {
  const lines = stderr.split('\n').map((l) => l.replace(/^\[\s*[\d.]+s\] /, ''));
  const start = lines.findIndex((l) => l.startsWith(`  ${c.kind}/${hookName} FAILED after `));
  assert.ok(start >= 0, `no FAILED line in:\n${stderr}`);
  const block: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (!l.startsWith('    ')) break;
    block.push(l.trim());
  }
  return block;
}

describe('a failed hook names its reason, last log lines and events', { concurrency: true }, () => {
  for (const c of cases) {
    test(`${c.reason} (${c.mode}) on the terminal`, async () => {
      const block = explanation((await installFailing(c, c.terminalFlags)).stderr, c);
      const exit = c.exitCode === undefined ? '' : `, exit code ${c.exitCode}`;
      assert.match(block[0]!, new RegExp(`^hook ${c.kind}/${hookName} \\(pre-install, weight 0, from failing-hook/templates/hook\\.yaml\\) failed: ${c.reason}${exit}$`));
      const logsAt = block.findIndex((l) => /^last log lines of pod \S+, container check:$/.test(l));
      assert.ok(logsAt > 0, block.join('\n'));
      assert.deepEqual(block.slice(logsAt + 1, logsAt + 1 + c.logTail.length), c.logTail.map((l) => `| ${l}`));
      const eventsAt = block.indexOf('events:');
      assert.ok(eventsAt > logsAt, block.join('\n'));
      assert.ok(block.slice(eventsAt + 1).some((l) => c.event.test(l)), `no event like ${c.event} in:\n${block.join('\n')}`);
    });

    test(`${c.reason} (${c.mode}) in the -o json hook-finished event`, async () => {
      const result = await installFailing(c, ['-o', 'json']);
      const events = jsonEvents(result.stdout);
      assertValidEventOrder(events);
      const finished = ofType(events, 'hook-finished');
      assert.deepEqual(finished.map((e) => [e.hook.name, e.phase]), [[hookName, 'Failed']]);
      const failure = finished[0]!.failure as HookFailure;
      assert.equal(failure.reason, c.reason);
      assert.equal(failure.exitCode, c.exitCode);
      assert.equal(failure.container, 'check');
      assert.deepEqual(failure.logTail, c.logTail);
      assert.ok(failure.events.some((e) => c.event.test(e)), `no event like ${c.event} in ${JSON.stringify(failure.events)}`);
      // The same lines were streamed live before the hook finished.
      assert.deepEqual(ofType(events, 'hook-log').map((e) => e.line), c.logTail);
      const last = ofType(events, 'action-finished')[0]!;
      assert.equal(last.ok, false);
      assert.match(last.error ?? '', new RegExp(`^failed pre-install: resource ${c.kind}/\\S+/${hookName} not ready\\. status: Failed`));
    });
  }
});

test('a hook Job that never got a pod says so, with the Job\'s own events', async () => {
  const { namespace, cleanup } = await scenarioNamespace('obs-fail-nopod');
  cleanups.push(cleanup);
  const result = await hookline(namespace, ['install', release, chart('failing-hook'), '--set', 'mode=suspended', '--timeout', '4s', '-o', 'json']);
  assert.equal(result.code, 1, result.stderr);
  const finished = ofType(jsonEvents(result.stdout), 'hook-finished');
  const failure = finished[0]!.failure as HookFailure;
  assert.equal(failure.reason, 'Timeout');
  assert.equal(failure.message, 'Job in progress: the job controller has created no pod for it');
  assert.equal(failure.pod, undefined);
  assert.deepEqual(failure.logTail, []);
  assert.ok(failure.events.some((e) => /^Normal Suspended Job\/broken-check: /.test(e)), JSON.stringify(failure.events));
});
