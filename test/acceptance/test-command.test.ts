// Lesson Concept 8 (and the before-hook-creation policy of Concept 5): `hookline test` runs the
// smoke test, prints helm's output (stdout) plus PASSED/FAILED per test (stderr), exits non-zero when
// a test fails, and replaces the previous test Job on each run. Compared with the reference helm.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runHelm } from '../support/lifecycle-harness.ts';
import { expectExit, LessonRelease, lessonChart, type Run } from '../support/lesson.ts';

/** Output with the parts that differ between two runs (times, namespace, release name) replaced. */
function normalized(output: string, { namespace, name }: LessonRelease): string {
  return output
    .replace(/^(LAST DEPLOYED|Last Started|Last Completed):(\s+).*$/gm, '$1:$2TIME')
    .replaceAll(namespace, 'NS')
    .replaceAll(name, 'RELEASE');
}

describe('hookline test: the smoke test hook', () => {
  let release: LessonRelease;
  let helmRelease: LessonRelease;
  const helm = (args: string[]) => runHelm([...args, '-n', helmRelease.namespace, '--timeout', '60s']);
  const bothTest = (): Promise<[Run, Run]> => Promise.all([release.hookline(['test', release.name, '--timeout', '60s']), helm(['test', helmRelease.name])]);
  const smokeJobUid = async () =>
    (await release.object<{ metadata: { uid: string } }>(`/apis/batch/v1/namespaces/NS/jobs/${release.name}-smoke-test`))?.metadata.uid;

  before(async () => {
    [release, helmRelease] = await Promise.all([LessonRelease.create('acc-test'), LessonRelease.create('acc-test-helm')]);
    const [installed, helmInstalled] = await Promise.all([
      release.install(['app.schemaVersion=1']),
      // --wait as Hookline's install has it: without, helm's smoke test may run before the app listens.
      helm(['install', helmRelease.name, lessonChart, ...helmRelease.values(['app.schemaVersion=1']), '--wait']),
    ]);
    expectExit(installed, 'ok', 'hookline install');
    expectExit(helmInstalled, 'ok', 'helm install');
  });
  after(async () => {
    await release?.cleanup();
    await helmRelease?.cleanup();
  });

  test('a passing smoke test: the TEST SUITE section as helm prints it, then PASSED; exit 0', async () => {
    const [ours, helms] = await bothTest();
    expectExit(ours, 'ok', 'hookline test');
    expectExit(helms, 'ok', 'helm test');
    const mine = normalized(ours.stdout, release);
    assert.equal(mine, normalized(helms.stdout, helmRelease));
    assert.match(mine, /^TEST SUITE:\s+RELEASE-smoke-test\n(.*\n)*Phase:\s+Succeeded$/m);
    assert.match(normalized(ours.stderr, release), /^PASSED\s+RELEASE-smoke-test$/m);
  });

  test('before-hook-creation: the next run replaces the previous test Job', async () => {
    const first = await smokeJobUid();
    assert.ok(first, 'the smoke-test Job (no hook-succeeded policy) stays after its run');
    expectExit(await release.hookline(['test', release.name]), 'ok', 'second hookline test');
    const second = await smokeJobUid();
    assert.ok(second && second !== first, `smoke-test Job uid ${first} -> ${second}`);
  });

  test('a failing smoke test: Phase Failed, FAILED and a non-zero exit, as helm fails', async () => {
    // The app listens on 127.0.0.1 only: through 127.0.0.2 the smoke test's curl is refused.
    const unreachable = ['app.schemaVersion=1', 'service.host=127.0.0.2'];
    const [upgraded, helmUpgraded] = await Promise.all([
      release.upgrade(unreachable),
      helm(['upgrade', helmRelease.name, lessonChart, ...helmRelease.values(unreachable), '--wait']),
    ]);
    expectExit(upgraded, 'ok', 'hookline upgrade');
    expectExit(helmUpgraded, 'ok', 'helm upgrade');
    const [ours, helms] = await bothTest();
    expectExit(helms, 'fail', 'helm test');
    expectExit(ours, 'fail', 'hookline test');
    const mine = normalized(ours.stdout, release);
    assert.equal(mine, normalized(helms.stdout, helmRelease));
    assert.match(mine, /^Phase:\s+Failed$/m);
    assert.match(normalized(ours.stderr, release), /^FAILED\s+RELEASE-smoke-test$/m);
    const errorLine = (stderr: string, r: LessonRelease) => normalized(stderr.split('\n').find((l) => l.startsWith('Error: ')) ?? '', r);
    assert.match(errorLine(helms.stderr, helmRelease), /^Error: .*RELEASE-smoke-test/);
    assert.equal(errorLine(ours.stderr, release), errorLine(helms.stderr, helmRelease));
  });
});
