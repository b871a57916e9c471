// Hook output while hooks run: `--hook-logs` progress lines, `-o json` event lines, the HTML
// report and `history --hooks`, on the test cluster with a chart whose hooks print two lines
// three seconds apart (room for a loaded machine to start following a hook's log before its second line).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chart, hookline, jsonEvents, jsonLines, ofType, scenarioNamespace, type CliResult } from './cli.ts';
import { assertValidEventOrder, linesByHook } from './event-order.ts';

const release = 'logs';
/** What each hook of test/observe/charts/hook-logs prints, and which kind it is. */
const hooks = [
  { name: `${release}-prepare`, kind: 'Job', container: 'prepare', lines: ['prepare line1', 'prepare line2'] },
  { name: `${release}-migrate`, kind: 'Job', container: 'migrate', lines: ['migrate line1', 'migrate line2'] },
  { name: `${release}-announce`, kind: 'Pod', container: 'announce', lines: ['announce line1', 'announce line2'] },
];

interface ProgressLine { seconds: number; text: string }

/** Progress lines on stderr as (seconds since start, text after the stamp). */
function progressLines(stderr: string): ProgressLine[] {
  return stderr.split('\n').flatMap((l) => {
    const m = /^\[\s*([\d.]+)s\] (.*)$/.exec(l);
    return m ? [{ seconds: Number(m[1]), text: m[2]! }] : [];
  });
}

function indexOfLine(lines: ProgressLine[], predicate: (text: string) => boolean, what: string): number {
  const i = lines.findIndex((l) => predicate(l.text));
  assert.ok(i >= 0, `no progress line for ${what} in:\n${lines.map((l) => l.text).join('\n')}`);
  return i;
}

const cleanups: Array<() => Promise<void>> = [];
const reportDir = mkdtempSync(join(tmpdir(), 'hookline-observe-'));
after(async () => {
  await Promise.all(cleanups.map((c) => c()));
  rmSync(reportDir, { recursive: true, force: true });
});

/** Install with --hook-logs and --report, then a failing upgrade without, then history --hooks. */
const terminalRun = (async () => {
  const { namespace, cleanup } = await scenarioNamespace('obs-live');
  cleanups.push(cleanup);
  const report = join(reportDir, 'install.html');
  const install = await hookline(namespace, ['install', release, chart('hook-logs'), '--hook-logs', '--report', report]);
  const failedUpgrade = await hookline(namespace, ['upgrade', release, chart('hook-logs'), '--set', 'failPost=true']);
  const history = await hookline(namespace, ['history', release, '--hooks']);
  return { install, report, failedUpgrade, history };
})();

const jsonRun = (async () => {
  const { namespace, cleanup } = await scenarioNamespace('obs-json');
  cleanups.push(cleanup);
  return hookline(namespace, ['install', release, chart('hook-logs'), '-o', 'json']);
})();

function assertSucceeded(result: CliResult): void {
  assert.equal(result.code, 0, `exit code ${result.code}; stderr:\n${result.stderr}`);
}

describe('hooks seen while they run', { concurrency: true }, () => {
  test('--hook-logs prints each hook\'s lines, prefixed by its name, as they are written and before the hook succeeds', async () => {
    const { install } = await terminalRun;
    assertSucceeded(install);
    const lines = progressLines(install.stderr);
    for (const hook of hooks) {
      const created = indexOfLine(lines, (t) => t === `  ${hook.kind}/${hook.name} created`, `${hook.name} created`);
      const first = indexOfLine(lines, (t) => t === `  [${hook.name}] ${hook.lines[0]}`, `${hook.name}'s first line`);
      const second = indexOfLine(lines, (t) => t === `  [${hook.name}] ${hook.lines[1]}`, `${hook.name}'s second line`);
      const succeeded = indexOfLine(lines, (t) => t.startsWith(`  ${hook.kind}/${hook.name} succeeded in `), `${hook.name} succeeded`);
      assert.ok(created < first && first < second && second < succeeded, `order of ${hook.name}'s lines: ${[created, first, second, succeeded]}`);
      // The hook sleeps three seconds between its lines: printed live, they are stamped apart.
      assert.ok(lines[second]!.seconds - lines[first]!.seconds >= 0.5, `${hook.name}'s lines stamped ${lines[first]!.seconds}s and ${lines[second]!.seconds}s`);
    }
  });

  test('without --hook-logs no log lines are printed, but a failed hook still shows its last lines', async () => {
    const { failedUpgrade } = await terminalRun;
    assert.equal(failedUpgrade.code, 1, failedUpgrade.stderr);
    const lines = progressLines(failedUpgrade.stderr).map((l) => l.text);
    assert.deepEqual(lines.filter((t) => /^ {2}\[/.test(t)), []);
    const failed = lines.findIndex((t) => t.startsWith(`  Pod/${release}-announce FAILED after `));
    assert.ok(failed >= 0, failedUpgrade.stderr);
    assert.match(lines.slice(failed).join('\n'), /failed: Error, exit code 3\n.*\n.*last log lines of pod logs-announce, container announce:\n\s+\| announce line1\n\s+\| announce line2/);
  });

  test('--report writes the HTML timeline naming every hook that ran', async () => {
    const { install, report } = await terminalRun;
    assertSucceeded(install);
    assert.ok(existsSync(report), `${report} was not written`);
    const html = readFileSync(report, 'utf8');
    assert.match(html, /^<!DOCTYPE html>/i);
    for (const hook of hooks) assert.ok(html.includes(hook.name), `the report does not name ${hook.name}`);
    assert.match(install.stderr, /report written to .*install\.html/);
  });

  test('history --hooks shows each revision\'s hook runs with their outcome', async () => {
    const { history } = await terminalRun;
    assertSucceeded(history);
    const revisions = history.stdout.split(/^(?=REVISION )/m);
    assert.equal(revisions.length, 2, history.stdout);
    const outcome = (block: string, hook: (typeof hooks)[number]) =>
      new RegExp(`${hook.kind}/${hook.name}\\s+(\\w+)\\s+started`).exec(block)?.[1];
    // As in Helm, a failed upgrade leaves the last good revision deployed.
    assert.match(revisions[0]!, /^REVISION 1\s+deployed\s+Install complete/);
    assert.deepEqual(hooks.map((h) => outcome(revisions[0]!, h)), ['Succeeded', 'Succeeded', 'Succeeded']);
    assert.match(revisions[1]!, /^REVISION 2\s+failed\s+Upgrade "logs" failed: post-upgrade hooks failed/);
    assert.deepEqual(hooks.map((h) => outcome(revisions[1]!, h)), ['Succeeded', 'Succeeded', 'Failed']);
    // Runs are listed in the order they started.
    for (const block of revisions) {
      const listed = hooks.map((h) => block.indexOf(`${h.kind}/${h.name}`));
      assert.deepEqual([...listed].sort((a, b) => a - b), listed, block);
    }
  });

  test('-o json writes the events as JSON lines in a valid order, with each hook\'s log lines', async () => {
    const result = await jsonRun;
    assertSucceeded(result);
    const lines = jsonLines(result.stdout);
    const events = jsonEvents(result.stdout);
    assert.deepEqual(lines.slice(events.length).map((l) => [l.type, (l as { release?: { name?: string } }).release?.name]), [['result', release]]);
    assertValidEventOrder(events);
    assert.deepEqual(linesByHook(events), new Map(hooks.map((h) => [h.name, h.lines])));
    for (const hook of hooks) {
      const logs = ofType(events, 'hook-log').filter((e) => e.hook.name === hook.name);
      for (const e of logs) {
        assert.equal(e.container, hook.container);
        if (hook.kind === 'Pod') assert.equal(e.pod, hook.name);
        else assert.match(e.pod, new RegExp(`^${hook.name}-[a-z0-9]{5}$`));
      }
      assert.ok(logs[1]!.at - logs[0]!.at >= 500, `${hook.name}'s lines arrived ${logs[1]!.at - logs[0]!.at} ms apart`);
      const finished = ofType(events, 'hook-finished').find((e) => e.hook.name === hook.name);
      const created = ofType(events, 'hook-created').find((e) => e.hook.name === hook.name);
      assert.equal(finished?.phase, 'Succeeded');
      // The hook ran at least from its first line to its last.
      assert.ok(finished!.elapsedMs >= logs[1]!.at - logs[0]!.at && finished!.elapsedMs <= finished!.at - created!.at + 1000, `elapsedMs ${finished!.elapsedMs}`);
    }
    const types = new Set(events.map((e) => e.type));
    for (const type of ['phase-started', 'hook-created', 'hook-log', 'hook-finished', 'release-recorded', 'action-finished'] as const) {
      assert.ok(types.has(type), `no ${type} event`);
    }
    assert.deepEqual(ofType(events, 'action-finished').map((e) => [e.ok, e.status]), [[true, 'deployed']]);
  });
});
