// `hookline lint` keeps helm's report and verdict for helm's rules (with and without --strict),
// compared with helm v4, and reports Hookline's hook-safety rules after it: their warnings
// never fail lint unless --strict-hooks, their errors fail it with exit code 2.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { errorLine, runTool, writeChart } from '../support/cli-differential.ts';

// A Job hook without backoffLimit/activeDeadlineSeconds (HL003/HL004 warnings); helm's rules pass.
const hookJob = (extra: string) => [
  'apiVersion: batch/v1', 'kind: Job', 'metadata:', '  name: migrate', '  annotations:', '    helm.sh/hook: pre-upgrade',
  '    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded', 'spec:', '  template:', '    spec:', '      restartPolicy: Never',
  '      containers:', '        - name: main', '          image: busybox', `          command: ["sh", "-c", "set -e; ${extra}"]`, '',
].join('\n');
const chartFiles = (extra: string, chartYaml = 'apiVersion: v2\nname: verdict\nversion: 0.1.0\nicon: https://example.invalid/icon.png\n') => ({
  'Chart.yaml': chartYaml, 'values.yaml': '{}\n', 'templates/job.yaml': hookJob(extra),
});
const warnsOnly = writeChart(chartFiles('echo ok'));
const helmWarns = writeChart(chartFiles('echo ok', 'apiVersion: v2\nname: verdict\nversion: "1.0"\nicon: https://example.invalid/icon.png\n'));
const hookError = writeChart({ ...chartFiles('echo ok'), 'templates/job.yaml': hookJob('echo ok').replace('restartPolicy: Never', 'restartPolicy: Always') });

after(() => {
  for (const dir of [warnsOnly, helmWarns, hookError]) rmSync(dir, { recursive: true, force: true });
});

async function lintBoth(args: string[]) {
  const [helm, ours] = await Promise.all([runTool('helm', ['lint', ...args], { noKubeconfig: true }), runTool('hookline', ['lint', ...args], { noKubeconfig: true })]);
  return { helm, ours };
}

describe('lint: helm\'s verdict, hook rules apart', { concurrency: 4 }, () => {
  for (const strict of [[], ['--strict']]) {
    test(`hook warnings only${strict.length ? ' with --strict' : ''}: helm's report and exit status, then the hook section`, async () => {
      const { helm, ours } = await lintBoth([warnsOnly, ...strict]);
      assert.equal(helm.code, 0, helm.stdout);
      assert.equal(ours.code, 0, ours.stderr);
      assert.ok(ours.stdout.startsWith(helm.stdout), `hookline:\n${ours.stdout}\nhelm:\n${helm.stdout}`);
      assert.match(ours.stdout.slice(helm.stdout.length), /^\n==> Hookline hook rules: .*\n\[WARNING\] templates\/job\.yaml:\d+: HL003 /);
    });
  }

  test('--strict-hooks fails on hook warnings with exit 2', async () => {
    const run = await runTool('hookline', ['lint', warnsOnly, '--strict-hooks'], { noKubeconfig: true });
    assert.equal(run.code, 2);
    assert.match(errorLine(run.stderr), /hook-safety rules failed in 1 chart\(s\)/);
  });

  test('a hook rule error: exit 2, helm\'s part unchanged', async () => {
    const { helm, ours } = await lintBoth([hookError]);
    assert.equal(helm.code, 0);
    assert.equal(ours.code, 2);
    assert.ok(ours.stdout.startsWith(helm.stdout));
    assert.match(ours.stdout, /\[ERROR\] templates\/job\.yaml:\d+: HL005 /);
  });

  test('a helm warning with --strict fails as helm fails it (exit 1), the hook section still shown', async () => {
    const { helm, ours } = await lintBoth([helmWarns, '--strict']);
    assert.equal(helm.code, 1);
    assert.equal(ours.code, 1);
    assert.ok(ours.stdout.startsWith(helm.stdout));
    assert.equal(errorLine(ours.stderr), errorLine(helm.stderr));
  });

  test('--no-hooks is helm alone', async () => {
    const [helm, ours] = await Promise.all([runTool('helm', ['lint', hookError, '--strict'], { noKubeconfig: true }), runTool('hookline', ['lint', hookError, '--strict', '--no-hooks'], { noKubeconfig: true })]);
    assert.equal(ours.code, helm.code);
    assert.equal(ours.stdout, helm.stdout);
  });
});
