// lint's deprecated-API rule compared with helm v4: objects whose apiVersion/kind Kubernetes
// deprecates by the target version (--kube-version, or helm's default) get helm's warning;
// kinds the Go client no longer knows, custom resources and subcharts' objects do not; a bad
// --kube-version is refused before anything is linted.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { runBothTools, writeChart } from '../support/cli-differential.ts';

const object = (apiVersion: string, kind: string, name: string) => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\n`;
const root = writeChart({
  'old/Chart.yaml': 'apiVersion: v2\nname: old\nversion: 0.1.0\nicon: https://example.invalid/i.png\ndependencies:\n- name: sub\n  version: 0.1.0\n',
  'old/values.yaml': 'hpaVersion: autoscaling/v2beta2\n',
  'old/templates/objects.yaml': [
    object('policy/v1beta1', 'PodDisruptionBudget', 'pdb'),
    object('batch/v1beta1', 'CronJob', 'cron'),
    object('extensions/v1beta1', 'Ingress', 'ing'),
    object('{{ .Values.hpaVersion }}', 'HorizontalPodAutoscaler', 'hpa'),
    object('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', 'fs'),
    object('v1', 'ComponentStatus', 'cs'),
    object('v1', 'Endpoints', 'ep'),
    object('apps/v1', 'Deployment', 'current') + 'spec:\n  selector:\n    matchLabels: {a: b}\n',
    object('example.com/v1', 'Widget', 'custom'),
    // PodSecurityPolicy is gone from Kubernetes' Go client, so helm does not flag it.
    object('policy/v1beta1', 'PodSecurityPolicy', 'psp'),
    object('v1', '', 'no-kind'),
  ].join('---\n'),
  'old/templates/list.yml': object('rbac.authorization.k8s.io/v1beta1', 'ClusterRoleList', 'roles'),
  'old/charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.1.0\n',
  'old/charts/sub/templates/ing.yaml': object('networking.k8s.io/v1beta1', 'Ingress', 'sub-ing'),
});

after(() => rmSync(root, { recursive: true, force: true }));

const cases: Array<[string, string[]]> = [
  ['helm\'s default Kubernetes version', []],
  ['--kube-version 1.20', ['--kube-version', '1.20']],
  ['--kube-version v1.25.3 with --strict (the warnings fail lint)', ['--kube-version', 'v1.25.3', '--strict']],
  ['--kube-version 0.0 (every deprecation counts)', ['--kube-version', '0.0']],
  ['a value chooses the apiVersion', ['--kube-version', '1.24', '--set', 'hpaVersion=autoscaling/v2']],
  ['--with-subcharts lints the subchart\'s own objects', ['--with-subcharts', '--kube-version', '1.19']],
  ['a bad --kube-version', ['--kube-version', '1.x']],
];

describe('lint: deprecated APIs like helm', { concurrency: 3 }, () => {
  for (const [what, flags] of cases) {
    test(what, async () => {
      const run = await runBothTools((tool) => ['lint', 'old', ...flags, ...(tool === 'hookline' ? ['--no-hooks'] : [])], { noKubeconfig: true, cwd: root });
      assert.equal(run.hookline.stdout, run.helm.stdout);
      assert.equal(run.hookline.stderr, run.helm.stderr);
      assert.equal(run.hookline.code, run.helm.code);
    });
  }

  test('the warnings name the version, the removal and the replacement', async () => {
    const run = await runBothTools((tool) => ['lint', 'old', '--kube-version', '1.30', ...(tool === 'hookline' ? ['--no-hooks'] : [])], { noKubeconfig: true, cwd: root });
    assert.match(run.hookline.stdout, /\[WARNING\] templates\/objects\.yaml: flowcontrol\.apiserver\.k8s\.io\/v1beta3 FlowSchema is deprecated in v1\.29\+, unavailable in v1\.32\+; use flowcontrol\.apiserver\.k8s\.io\/v1 FlowSchema\n/);
    assert.match(run.hookline.stdout, /\[WARNING\] templates\/objects\.yaml: v1 ComponentStatus is deprecated in v1\.19\+\n/);
    assert.doesNotMatch(run.hookline.stdout, /PodSecurityPolicy|Widget|sub-ing|v1 Endpoints/);
    assert.equal(run.hookline.stdout, run.helm.stdout);
  });
});
