// Dry runs against a kubeconfig whose server is a closed port, each compared with helm v4:
// install --dry-run (helm 4.1: client), --dry-run=client and --dry-run=true render without the
// cluster and print the release (HOOKS, MANIFEST, NOTES); --dry-run=server, upgrade (any dry
// run: helm reads the release's history) and upgrade --install fail with helm's
// "kubernetes cluster unreachable" error line; every read and change command does too.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { freePort } from '../../scripts/lesson-services.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { comparable, errorLine, runBothTools, writeChart } from '../support/cli-differential.ts';

const chart = writeChart({
  'Chart.yaml': 'apiVersion: v2\nname: offline\nversion: 0.1.0\n',
  'values.yaml': 'greeting: hello\n',
  'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  greeting: {{ .Values.greeting | quote }}\n  ns: {{ .Release.Namespace }}\n  apps: {{ .Capabilities.APIVersions.Has "apps/v1/Deployment" | quote }}\n  found: {{ lookup "v1" "ConfigMap" "x" "y" | toJson | quote }}\n',
  'templates/secret.yaml': '{{- if .Values.secret }}\napiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ .Release.Name }}-secret\nstringData:\n  password: hunter2\n{{- end }}\n',
  'templates/hook.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-hook\n  annotations:\n    helm.sh/hook: pre-install\n',
  'templates/NOTES.txt': 'Installed {{ .Release.Name }} in {{ .Release.Namespace }}.\n',
});
const nochart = writeChart({ 'Chart.yaml': 'apiVersion: v2\nname: novalues\nversion: 0.1.0\n', 'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n' });
const configDir = mkdtempSync(join(tmpdir(), 'hookline-offline-'));
let kubeconfig = '';

before(async () => {
  kubeconfig = join(configDir, 'kubeconfig');
  writeFileSync(kubeconfig, [
    'apiVersion: v1', 'kind: Config', 'current-context: gone',
    'clusters:', '- name: gone', '  cluster:', `    server: https://127.0.0.1:${await freePort()}`,
    'users:', '- name: u', '  user:', '    token: abc',
    'contexts:', '- name: gone', '  context: {cluster: gone, user: u, namespace: from-context}', '',
  ].join('\n'));
});

after(() => {
  for (const dir of [chart, nochart, configDir]) rmSync(dir, { recursive: true, force: true });
});

/** The printed release with its times (-o yaml: deploy and file modification times) taken out. */
const untimed = (text: string) => comparable(text).replace(/"\d{4}-\d\d-\d\dT[\d:.]+Z"/g, 'TIME');

async function same(args: string[]) {
  const run = await runBothTools(() => [...args, '--kubeconfig', kubeconfig], { noKubeconfig: true });
  assert.equal(run.hookline.code, run.helm.code, `hookline: ${run.hookline.stderr}\nhelm: ${run.helm.stderr}`);
  assert.equal(untimed(run.hookline.stdout), untimed(run.helm.stdout));
  assert.equal(errorLine(run.hookline.stderr), errorLine(run.helm.stderr));
  return run;
}

describe('dry runs without a reachable cluster, as helm', { concurrency: 4 }, () => {
  const rendered: string[][] = [
    ['install', 'r', chart, '--dry-run'],
    ['install', 'r', chart, '--dry-run=client'],
    ['install', 'r', chart, '--dry-run=true'],
    ['install', 'r', chart, '--dry-run=client', '-n', 'elsewhere', '--create-namespace', '--set', 'greeting=hi', '--description', 'why'],
    ['install', 'r', chart, '--dry-run=client', '--debug'],
    ['install', 'r', chart, '--dry-run=client', '--set', 'secret=true', '--hide-secret', '--hide-notes'],
    ['install', 'r', chart, '--dry-run=client', '-o', 'yaml'],
    ['install', 'r', nochart, '--dry-run=client', '-o', 'yaml'],
    ['install', chart, '--dry-run=client', '--name-template', 'named-{{ "x" }}'],
  ];
  for (const args of rendered) {
    test(`${args.slice(3).join(' ')} renders and prints the release`, async () => {
      const run = await same(args);
      assert.equal(run.helm.code, 0, run.helm.stderr);
      assert.match(run.helm.stdout, args.includes('yaml') ? /^manifest: /m : /^DESCRIPTION: Dry run complete$/m);
      if (args.includes('elsewhere')) assert.match(run.helm.stdout, /Installed r in elsewhere\./);
      else if (!args.includes('--hide-notes') && args[2] === chart) assert.match(run.helm.stdout, /in from-context\./);
    });
  }

  // helm's reading of the value: a mode or a Go boolean (install, upgrade, rollback); uninstall's is a boolean flag.
  const values: string[][] = [
    ['install', 'r', chart, '--dry-run=1'], ['install', 'r', chart, '--dry-run=F'], ['install', 'r', chart, '--dry-run=bogus'],
    ['upgrade', 'r', chart, '--dry-run=bogus'], ['upgrade', '--install', 'r', chart, '--dry-run=maybe'],
    ['rollback', 'r', '--dry-run=bogus'], ['uninstall', 'r', '--dry-run=server'], ['uninstall', 'r', '--dry-run=bogus'],
  ];
  for (const args of values) {
    test(`${args.join(' ').replace(chart, 'CHART')}: the value read as helm reads it`, async () => {
      const run = await same(args);
      if (args.at(-1) === '--dry-run=1') assert.equal(run.helm.code, 0);
      else assert.equal(run.helm.code, 1);
    });
  }

  test('without --hide-secret the Secret\'s data is masked (helm prints it in clear), the rest as helm', async () => {
    const run = await runBothTools(() => ['install', 'r', chart, '--dry-run=client', '--set', 'secret=true', '--kubeconfig', kubeconfig], { noKubeconfig: true });
    assert.equal(run.hookline.code, 0, run.hookline.stderr);
    assert.match(run.helm.stdout, /password: hunter2/);
    assert.doesNotMatch(run.hookline.stdout, /hunter2/);
    const masked = run.helm.stdout.replace('stringData:\n  password: hunter2', 'data:\n  password: "REDACTED # (7 bytes)"');
    assert.equal(comparable(run.hookline.stdout), comparable(masked));
  });

  const refused: string[][] = [
    ['install', 'r', chart, '--dry-run=server'],
    ['install', 'r', chart],
    ['upgrade', 'r', chart, '--dry-run'],
    ['upgrade', 'r', chart, '--dry-run=client'],
    ['upgrade', 'r', chart, '--dry-run=server'],
    ['upgrade', '--install', 'r', chart, '--dry-run=client'],
    ['upgrade', '--install', 'r', chart],
    ['list'], ['status', 'r'], ['history', 'r'], ['get', 'values', 'r'], ['get', 'all', 'r'],
    ['rollback', 'r'], ['uninstall', 'r'], ['test', 'r'], ['status', 'UPPER'],
  ];
  for (const args of refused) {
    test(`${args.join(' ').replace(chart, 'CHART')} fails: the cluster is unreachable`, async () => {
      const run = await same(args);
      assert.equal(run.helm.code, 1);
      assert.match(errorLine(run.helm.stderr), /kubernetes cluster unreachable: Get "https:\/\/127\.0\.0\.1:\d+\/version": dial tcp 127\.0\.0\.1:\d+: connect: connection refused$/);
      assert.match(run.hookline.stderr, /^hint: .*hookline local up/m);
    });
  }
});
