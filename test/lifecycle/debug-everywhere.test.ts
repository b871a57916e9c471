// --debug (and HELM_DEBUG) on every release command helm users type, each compared with helm v4
// in a twin namespace: the same stdout (install/upgrade/test add helm's USER-SUPPLIED and
// COMPUTED VALUES), the same exit status, and the same stored history at the end.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { freshNamespace, testClient } from '../support/cluster.ts';
import { comparable, runTool, storedHistory, writeChart, type RunOptions, type Tool } from '../support/cli-differential.ts';
import { dropNamespace } from '../support/lifecycle-harness.ts';

const chart = writeChart({
  'Chart.yaml': 'apiVersion: v2\nname: debugged\nversion: 0.1.0\n',
  'values.yaml': 'a: 1\nnested:\n  b: two\n',
  'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  a: {{ .Values.a | quote }}\n',
  'templates/test.yaml': [
    'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: {{ .Release.Name }}-test', '  annotations:', '    helm.sh/hook: test',
    'spec:', '  restartPolicy: Never', '  containers:', '    - name: main', '      image: busybox', '      command: ["true"]', '',
  ].join('\n'),
  'templates/NOTES.txt': 'Debugged {{ .Release.Name }}.\n',
});

const ns = {} as Record<Tool, string>;
before(async () => {
  ns.helm = await freshNamespace(testClient(), 'dbg-h');
  ns.hookline = await freshNamespace(testClient(), 'dbg-k');
});
after(async () => {
  rmSync(chart, { recursive: true, force: true });
  await Promise.all(Object.values(ns).map((n) => dropNamespace(testClient(), n)));
});

/** What differs between two runs of one command besides the namespace: record times and labels. */
const untimed = (text: string, namespace: string) => comparable(text, namespace)
  .replace(/modifiedAt=\d+/g, 'modifiedAt=T').replace(/^DEPLOYED_AT: .*$/m, 'DEPLOYED_AT: T');

const steps: Array<[string[], RunOptions?]> = [
  [['install', 'd', chart, '--set', 'nested.c=3']],
  [['upgrade', 'd', chart, '--set', 'a=2']],
  [['upgrade', 'd', chart, '--set', 'a=3'], { env: { HELM_DEBUG: 'true' } }],
  [['upgrade', '--install', 'fresh', chart]],
  [['status', 'd']], [['history', 'd']], [['list']],
  [['get', 'values', 'd']], [['get', 'values', 'd', '--all']], [['get', 'manifest', 'd']], [['get', 'hooks', 'd']],
  [['get', 'notes', 'd']], [['get', 'metadata', 'd']], [['get', 'all', 'd']],
  [['test', 'd']], [['rollback', 'd', '1']], [['uninstall', 'fresh']],
  [['template', 'd', chart]], [['lint', chart]], [['show', 'values', chart]],
  [['install', 'broken', chart, '--set', 'a=x', '--version', '9']],
];

describe('--debug as helm', () => {
  test('every command prints and exits as helm\'s does', async () => {
    for (const [args, options] of steps) {
      const flags = options?.env ? args : [...args, '--debug'];
      const [helm, ours] = await Promise.all((['helm', 'hookline'] as const).map((tool) => runTool(tool, [...flags, '-n', ns[tool]], options)));
      const what = flags.join(' ').replace(chart, 'CHART');
      assert.equal(ours.code, helm.code, `${what}\nhookline: ${ours.stderr}\nhelm: ${helm.stderr}`);
      assert.equal(untimed(ours.stdout, ns.hookline), untimed(helm.stdout, ns.helm), what);
      if (args[0] === 'upgrade' && args[1] === 'd') assert.match(helm.stdout, /^COMPUTED VALUES:$/m, what);
    }
    for (const release of ['d', 'fresh']) assert.deepEqual(await storedHistory(ns.hookline, release), await storedHistory(ns.helm, release), release);
  });
});
