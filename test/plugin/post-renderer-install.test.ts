// install and upgrade with --post-renderer on the test cluster, helm v4.1.4 and Hookline in twin
// namespaces: the objects in the cluster are the post-rendered ones (hooks too, and the
// document the plugin adds), and the stored release (manifest, hooks) is the same as helm's.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { freshNamespace, testClient } from '../support/cluster.ts';
import { comparable, runTool, storedHistory, writeChart, type Tool } from '../support/cli-differential.ts';
import { dropNamespace } from '../support/lifecycle-harness.ts';
import { dataHome, postRendererYaml, sedScript, writePlugin } from './plugins.ts';

const home = dataHome();
writePlugin(join(home, 'plugins'), 'sed-renderer', postRendererYaml('sedder', 'render.sh'), { 'render.sh': sedScript });

const chart = writeChart({
  'Chart.yaml': 'apiVersion: v2\nname: post\nversion: 0.1.0\n',
  'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  value: "REPLACE_ME"\n  revision: "{{ .Release.Revision }}"\n',
  'templates/hook.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-hook\n  annotations:\n    "helm.sh/hook": pre-install,pre-upgrade\ndata:\n  value: "REPLACE_ME"\n',
  'templates/NOTES.txt': 'Installed {{ .Release.Name }}.\n',
});

const namespaces: string[] = [];
after(async () => {
  rmSync(home, { recursive: true, force: true });
  rmSync(chart, { recursive: true, force: true });
  await Promise.all(namespaces.map((ns) => dropNamespace(testClient(), ns)));
});

async function configMap(namespace: string, name: string) {
  return await testClient().request('GET', `/api/v1/namespaces/${namespace}/configmaps/${name}`) as { metadata: { labels?: Record<string, string> }; data: Record<string, string> };
}

describe('install and upgrade --post-renderer on the cluster, as helm 4.1.4', () => {
  test('the cluster holds the post-rendered objects and the stored release matches helm\'s', async () => {
    const twins = async () => {
      const pair = { helm: await freshNamespace(testClient(), 'pr-h'), hookline: await freshNamespace(testClient(), 'pr-k') };
      namespaces.push(pair.helm, pair.hookline);
      return pair;
    };
    let ns = await twins();
    const both = async (args: (tool: Tool) => string[]) => {
      const [helm, hookline] = await Promise.all((['helm', 'hookline'] as const).map((tool) =>
        runTool(tool, args(tool), { env: { HELM_DATA_HOME: home, HELM_PLUGINS: undefined } })));
      assert.equal(hookline.code, helm.code, `hookline: ${hookline.stderr}\nhelm: ${helm.stderr}`);
      assert.equal(helm.code, 0, helm.stderr);
      assert.equal(comparable(hookline.stdout, ns.hookline), comparable(helm.stdout, ns.helm));
    };
    await both((tool) => ['install', 'rel', chart, '-n', ns[tool], '--post-renderer', 'sedder', '--post-renderer-args', 'first']);
    await both((tool) => ['upgrade', 'rel', chart, '-n', ns[tool], '--post-renderer', 'sedder', '--post-renderer-args', 'second', '--post-renderer-args', 'try']);
    assert.deepEqual(await storedHistory(ns.hookline, 'rel'), await storedHistory(ns.helm, 'rel'));
    for (const namespace of [ns.helm, ns.hookline]) {
      const cm = await configMap(namespace, 'rel-cm');
      assert.deepEqual([cm.metadata.labels?.['post-rendered-by'], cm.data.value, cm.data.revision], ['sedder', 'second-try', '2']);
      const hook = await configMap(namespace, 'rel-hook');
      assert.deepEqual([hook.metadata.labels?.['post-rendered-by'], hook.data.value], ['sedder', 'second-try']);
      assert.equal((await configMap(namespace, 'added-by-plugin')).data.dir, 'sed-renderer');
    }
    const [stored] = (await storedHistory(ns.hookline, 'rel')).slice(-1);
    assert.match(stored.manifest, /# Source: generated-by-postrender-2.yaml\n/);
    assert.doesNotMatch(stored.manifest, /postrender-filename/);

    // A dry run prints the post-rendered manifest and hooks; upgrade --install of a new release post-renders too.
    ns = await twins();
    await both((tool) => ['install', 'dry', chart, '-n', ns[tool], '--dry-run', '--post-renderer', 'sedder', '--post-renderer-args', 'dry']);
    await both((tool) => ['upgrade', '--install', 'fresh', chart, '-n', ns[tool], '--post-renderer', 'sedder', '--post-renderer-args', 'fresh']);
    assert.deepEqual(await storedHistory(ns.hookline, 'fresh'), await storedHistory(ns.helm, 'fresh'));
    assert.equal((await configMap(ns.hookline, 'fresh-cm')).data.value, 'fresh');
  });
});
