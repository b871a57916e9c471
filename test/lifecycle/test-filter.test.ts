// `test` with --filter and --logs through the CLI, compared with helm v4 in a twin namespace:
// the same stdout (status without notes, POD LOGS), the same exit status, and the same stored
// hooks in the same order (helm stores the filtered-out hooks first); Hookline's PASSED/FAILED
// summary (stderr) names only the tests that ran this time.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { freshNamespace, testClient } from '../support/cluster.ts';
import { comparable, errorLine, runBothTools, storedHistory, writeChart, type Tool } from '../support/cli-differential.ts';
import { dropNamespace } from '../support/lifecycle-harness.ts';

function testPod(name: string, weight: number, command: string): string {
  return [
    'apiVersion: v1', 'kind: Pod', 'metadata:', `  name: {{ .Release.Name }}-${name}`, '  annotations:', '    helm.sh/hook: test',
    `    helm.sh/hook-weight: "${weight}"`, 'spec:', '  restartPolicy: Never', '  containers:', '    - name: main', '      image: busybox',
    `      command: ["sh", "-c", ${JSON.stringify(command)}]`, '',
  ].join('\n');
}

const chart = writeChart({
  'Chart.yaml': 'apiVersion: v2\nname: tests\nversion: 0.1.0\n',
  'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\n',
  'templates/pre.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-pre\n  annotations:\n    helm.sh/hook: pre-install\n',
  'templates/test-a.yaml': testPod('a', 2, 'echo from-a'),
  'templates/test-b.yaml': testPod('b', 1, 'echo from-b'),
  'templates/test-c.yaml': testPod('c', 3, 'echo from-c; echo second line'),
  'templates/test-fails.yaml': '{{- if .Values.failing }}\n' + testPod('fails', 4, 'echo broken; exit 3') + '{{- end }}\n',
  'templates/NOTES.txt': 'notes are not printed by test\n',
});

const ns = { helm: '', hookline: '' } as Record<Tool, string>;
before(async () => {
  ns.helm = await freshNamespace(testClient(), 'tf-h');
  ns.hookline = await freshNamespace(testClient(), 'tf-k');
  const installed = await runBothTools((tool) => ['install', 'tf', chart, '-n', ns[tool]]);
  assert.equal(installed.helm.code, 0, installed.helm.stderr);
  assert.equal(installed.hookline.code, 0, installed.hookline.stderr);
});

after(async () => {
  rmSync(chart, { recursive: true, force: true });
  await Promise.all(Object.values(ns).map((n) => dropNamespace(testClient(), n)));
});

/** Runs `test` with both tools and checks stdout, exit status and the stored record alike. */
async function bothTest(args: string[]) {
  const run = await runBothTools((tool) => ['test', 'tf', '-n', ns[tool], '--timeout', '60s', ...args]);
  assert.equal(run.hookline.code, run.helm.code, run.hookline.stderr);
  assert.equal(comparable(run.hookline.stdout, ns.hookline), comparable(run.helm.stdout, ns.helm));
  assert.deepEqual(await storedHistory(ns.hookline, 'tf'), await storedHistory(ns.helm, 'tf'));
  return run;
}

const summary = (stderr: string) => stderr.split('\n').filter((l) => /^(PASSED|FAILED) /.test(l));

describe('test --filter and --logs as helm', { concurrency: 1 }, () => {
  test('--filter name=X runs X only, and the other hooks are stored first', async () => {
    const run = await bothTest(['--filter', 'name=tf-b']);
    assert.deepEqual(summary(run.hookline.stderr), ['PASSED  tf-b']);
    const hooks = (await storedHistory(ns.helm, 'tf'))[0].hooks.map((h) => h.name);
    assert.equal(hooks.at(-1), 'tf-b');
  });

  test('--filter !name=X runs the others in weight order', async () => {
    const run = await bothTest(['--filter', '!name=tf-a']);
    assert.deepEqual(summary(run.hookline.stderr), ['PASSED  tf-b', 'PASSED  tf-c']);
  });

  test('--logs prints each test pod\'s log after the status', async () => {
    const run = await bothTest(['--logs', '--filter', 'name=tf-c,name=tf-a']);
    assert.match(run.helm.stdout, /POD LOGS: tf-c\nfrom-c\nsecond line\n/);
  });

  test('no filter runs every test', async () => {
    const run = await bothTest([]);
    assert.deepEqual(summary(run.hookline.stderr), ['PASSED  tf-b', 'PASSED  tf-a', 'PASSED  tf-c']);
  });

  test('a failing test: FAILED, a non-zero exit and helm\'s error', async () => {
    const upgraded = await runBothTools((tool) => ['upgrade', 'tf', chart, '-n', ns[tool], '--set', 'failing=true']);
    assert.equal(upgraded.hookline.code, 0, upgraded.hookline.stderr);
    const run = await bothTest(['--filter', 'name=tf-fails']);
    assert.equal(run.helm.code, 1);
    assert.equal(comparable(errorLine(run.hookline.stderr), ns.hookline), comparable(errorLine(run.helm.stderr), ns.helm));
    assert.deepEqual(summary(run.hookline.stderr), ['FAILED  tf-fails']);
  });
});
