// The fault suite: install, upgrade, rollback, uninstall and test are each killed with SIGKILL at
// every step (HOOKLINE_FAULT_AT makes the real CLI process kill itself right after that step's
// event, against the real cluster). After each kill: helm 4 reads the release; the next action
// succeeds at once with no manual step (the dead holder's lock is taken over); the history says
// exactly what happened; the previously deployed revision is intact; helm 4 continues the release.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Release } from '../../src/release/record.ts';
import { hookline, scenarioNamespace } from '../observe/cli.ts';
import { testClient } from '../support/cluster.ts';
import { releaseRecords, runHelm } from '../support/lifecycle-harness.ts';
import { gatedChart, startHookline } from './running.ts';

type Action = 'install' | 'upgrade' | 'rollback' | 'uninstall' | 'test';

interface ActionPlan {
  /** Commands run before, to reach the state the action starts from (hooks off: not under test). */
  setup: string[][];
  /** The command that is killed, then run again as "the next action". */
  command: string[];
  /** For install the next action is `upgrade --install`: a name in use cannot be installed again. */
  next?: string[];
  points: string[];
}

const release = 'crash';
const hookSteps = (...events: string[]) => events.flatMap((e) => [`${e}-hook-running`, `${e}-hook-deleted`]);

const plans: Record<Action, ActionPlan> = {
  install: {
    setup: [],
    command: ['install', release, gatedChart, '--wait'],
    next: ['upgrade', '--install', release, gatedChart, '--wait'],
    points: ['pending-recorded', ...hookSteps('pre-install'), 'applying', 'waiting', ...hookSteps('post-install'), 'recorded'],
  },
  upgrade: {
    setup: [['install', release, gatedChart, '--no-hooks']],
    command: ['upgrade', release, gatedChart, '--set', 'generation=2', '--wait'],
    points: ['pending-recorded', ...hookSteps('pre-upgrade'), 'applying', 'waiting', ...hookSteps('post-upgrade'), 'recorded'],
  },
  rollback: {
    setup: [['install', release, gatedChart, '--no-hooks'], ['upgrade', release, gatedChart, '--set', 'generation=2', '--no-hooks']],
    command: ['rollback', release, '1', '--wait'],
    points: ['pending-recorded', ...hookSteps('pre-rollback'), 'applying', 'waiting', ...hookSteps('post-rollback'), 'recorded'],
  },
  uninstall: {
    setup: [['install', release, gatedChart, '--no-hooks']],
    command: ['uninstall', release],
    points: [...hookSteps('pre-delete'), 'applying', ...hookSteps('post-delete')],
  },
  test: {
    setup: [['install', release, gatedChart, '--no-hooks']],
    command: ['test', release],
    points: hookSteps('test'),
  },
};

const pendingOf: Record<Action, string> = { install: 'pending-install', upgrade: 'pending-upgrade', rollback: 'pending-rollback', uninstall: '', test: '' };

/** `revision:status` of each revision, before the kill, right after it, and after the next action. */
function expectedHistories(action: Action, point: string): { killed: string[]; recovered: string[] | 'purged' } {
  const finished = point === 'recorded';
  switch (action) {
    case 'install':
      // The next upgrade --install builds on the interrupted (now failed) revision and, as helm
      // does with a failed base, supersedes it; its description keeps what happened.
      return { killed: [finished ? '1:deployed' : '1:pending-install'], recovered: ['1:superseded', '2:deployed'] };
    case 'upgrade':
      return finished ? { killed: ['1:superseded', '2:deployed'], recovered: ['1:superseded', '2:superseded', '3:deployed'] }
        : { killed: ['1:deployed', '2:pending-upgrade'], recovered: ['1:superseded', '2:failed', '3:deployed'] };
    case 'rollback':
      return finished ? { killed: ['1:superseded', '2:superseded', '3:deployed'], recovered: ['1:superseded', '2:superseded', '3:superseded', '4:deployed'] }
        : { killed: ['1:superseded', '2:deployed', '3:pending-rollback'], recovered: ['1:superseded', '2:superseded', '3:failed', '4:deployed'] };
    case 'uninstall':
      // As helm, the release is marked uninstalling as its pre-delete hooks start.
      return { killed: ['1:uninstalling'], recovered: 'purged' };
    case 'test':
      return { killed: ['1:deployed'], recovered: ['1:deployed'] };
  }
}

const revisions = (json: string) => (JSON.parse(json) as Array<{ revision: number; status: string }>).map((r) => `${r.revision}:${r.status}`);

/** The history as both tools read it; they must agree. */
async function agreedHistory(namespace: string): Promise<string[]> {
  const [helm, mine] = await Promise.all([runHelm(['history', release, '-n', namespace, '-o', 'json']), hookline(namespace, ['history', release, '-o', 'json'])]);
  assert.equal(helm.code, 0, `helm reads the release: ${helm.stderr}`);
  assert.equal(mine.code, 0, mine.stderr);
  assert.deepEqual(revisions(mine.stdout), revisions(helm.stdout), 'helm and Hookline read the same history');
  return revisions(helm.stdout);
}

async function ok(namespace: string, args: string[]): Promise<void> {
  const result = await hookline(namespace, args);
  assert.equal(result.code, 0, `hookline ${args.join(' ')}: ${result.stderr}`);
}

const deployedRecord = async (namespace: string): Promise<Release | undefined> =>
  (await releaseRecords(testClient(), namespace, release)).filter((r) => r.info.status === 'deployed').at(-1);

/** Outcome rows for the README table, printed as test diagnostics. */
const rows: string[] = [];
after(() => {
  if (rows.length > 0) process.stdout.write(`# fault table\n${rows.sort().join('\n')}\n`);
});

const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  await Promise.all(cleanups.map((c) => c()));
});

// Cases run four at a time: each spends most of its time waiting on the cluster.
describe('kill -9 at every step', { concurrency: 4 }, () => {
  for (const [action, plan] of Object.entries(plans) as Array<[Action, ActionPlan]>) {
    for (const point of plan.points) {
      test(`${action} at ${point}`, async (t) => {
        const { namespace, cleanup } = await scenarioNamespace(`fault-${action}`);
        cleanups.push(cleanup);
        for (const args of plan.setup) await ok(namespace, args);
        const deployedBefore = await deployedRecord(namespace);

        const faulted = startHookline(namespace, plan.command, { HOOKLINE_FAULT_AT: `${action}:${point}` });
        const killed = await faulted.done;
        assert.equal(killed.signal, 'SIGKILL', `the process died at ${action}:${point} (code ${killed.code}):\n${killed.stderr}`);
        const expected = expectedHistories(action, point);
        assert.deepEqual(await agreedHistory(namespace), expected.killed, 'right after the kill');
        if (deployedBefore && expected.killed.includes(`${deployedBefore.version}:deployed`)) {
          const kept = await deployedRecord(namespace);
          assert.equal(kept?.manifest, deployedBefore.manifest, 'the deployed revision is intact');
        }
        if (action === 'uninstall' && point.startsWith('pre-delete')) {
          await testClient().request('GET', `/api/v1/namespaces/${namespace}/configmaps/${release}-config`);
        }

        const started = Date.now();
        const next = await hookline(namespace, plan.next ?? plan.command);
        const recoveryMs = Date.now() - started;
        assert.equal(next.code, 0, `the next action succeeds with no manual step:\n${next.stderr}`);
        if (pendingOf[action] && point !== 'recorded') {
          assert.match(next.stderr, new RegExp(`note: revision \\d+ was left ${pendingOf[action]} by an interrupted operation; it is now marked failed`));
        }
        let outcome: string;
        if (expected.recovered === 'purged') {
          const gone = await runHelm(['history', release, '-n', namespace]);
          assert.equal(gone.code, 1, 'the uninstall finished: no history left');
          const again = await runHelm(['install', release, gatedChart, '-n', namespace, '--no-hooks']);
          assert.equal(again.code, 0, `helm installs the name again: ${again.stderr}`);
          outcome = `${expected.killed[0].split(':')[1]}; next uninstall purged it`;
        } else {
          const history = await agreedHistory(namespace);
          assert.deepEqual(history, expected.recovered, 'after the next action');
          if (pendingOf[action] && point !== 'recorded') {
            const interrupted = (await releaseRecords(testClient(), namespace, release)).at(-2);
            assert.match(interrupted?.info.description ?? '', new RegExp(`^${pendingOf[action]} interrupted: hookline ${action} pid ${faulted.pid} on .* stopped before finishing`));
          }
          const continued = await runHelm(['upgrade', release, gatedChart, '-n', namespace, '--set', 'generation=9', '--no-hooks']);
          assert.equal(continued.code, 0, `helm continues the release: ${continued.stderr}`);
          outcome = `${expected.killed.at(-1)!.split(':')[1]}; next ${(plan.next ?? plan.command)[0]} -> ${history.join(' ')}`;
        }
        const row = `| ${action} | ${point} | ${outcome} | ${(recoveryMs / 1000).toFixed(1)} s |`;
        rows.push(row);
        t.diagnostic(row);
      });
    }
  }
});
