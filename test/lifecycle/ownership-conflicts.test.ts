// An install or upgrade over objects it does not own, compared with helm v4 in twin namespaces:
// the error names the first conflicting object in manifest order with every ownership problem it
// has (the managed-by label, the release-name and release-namespace annotations, each missing or
// different), and nothing is installed; a server dry run and --replace of an uninstalled release
// check the same.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { freshNamespace, testClient } from '../support/cluster.ts';
import { comparable, errorLine, runBothTools, storedHistory, writeChart, type Tool } from '../support/cli-differential.ts';
import { dropNamespace } from '../support/lifecycle-harness.ts';

const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;
const chart = writeChart({
  'Chart.yaml': 'apiVersion: v2\nname: owned\nversion: 0.1.0\n',
  'templates/objects.yaml': [configMap('a-cm'), configMap('b-cm'), 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: c-secret\n'].join('---\n'),
});
const smaller = writeChart({ 'Chart.yaml': 'apiVersion: v2\nname: owned\nversion: 0.1.0\n', 'templates/a.yaml': configMap('a-cm') });

const namespaces: string[] = [];
after(async () => {
  for (const dir of [chart, smaller]) rmSync(dir, { recursive: true, force: true });
  await Promise.all(namespaces.map((ns) => dropNamespace(testClient(), ns)));
});

async function twins(prefix: string): Promise<Record<Tool, string>> {
  const ns = { helm: await freshNamespace(testClient(), `${prefix}-h`), hookline: await freshNamespace(testClient(), `${prefix}-k`) };
  namespaces.push(ns.helm, ns.hookline);
  return ns;
}

/** Creates the object in each twin namespace; `owner` puts another release's metadata on it (`namespace` "same": the twin's own). */
async function existing(ns: Record<Tool, string>, resource: 'configmaps' | 'secrets', name: string, owner?: { release?: string; namespace?: string; managedBy?: string }) {
  for (const tool of ['helm', 'hookline'] as const) {
    const annotations: Record<string, string> = {};
    if (owner?.release) annotations['meta.helm.sh/release-name'] = owner.release;
    if (owner?.namespace) annotations['meta.helm.sh/release-namespace'] = owner.namespace === 'same' ? ns[tool] : owner.namespace;
    const labels: Record<string, string> = owner?.managedBy ? { 'app.kubernetes.io/managed-by': owner.managedBy } : {};
    await testClient().request('POST', `/api/v1/namespaces/${ns[tool]}/${resource}`, {
      body: { apiVersion: 'v1', kind: resource === 'secrets' ? 'Secret' : 'ConfigMap', metadata: { name, labels, annotations } },
    });
  }
}

async function refusedAlike(ns: Record<Tool, string>, args: string[]): Promise<string> {
  const run = await runBothTools((tool) => [...args, '-n', ns[tool]]);
  assert.equal(run.helm.code, 1, run.helm.stdout);
  assert.equal(run.hookline.code, run.helm.code, run.hookline.stderr);
  const line = comparable(errorLine(run.helm.stderr), ns.helm);
  assert.equal(comparable(errorLine(run.hookline.stderr), ns.hookline), line);
  return line;
}

describe('ownership conflicts as helm', { concurrency: 2 }, () => {
  test('install: the first conflicting object in manifest order, with all its problems', async () => {
    const ns = await twins('oc-in');
    await existing(ns, 'configmaps', 'b-cm', { release: 'other', managedBy: 'Helm' });
    await existing(ns, 'secrets', 'c-secret');
    const line = await refusedAlike(ns, ['install', 'r', chart]);
    // The Secret comes first in helm's install order; none of its three keys is set.
    assert.equal(line, 'Error: INSTALLATION FAILED: unable to continue with install: Secret "c-secret" in namespace "NS" exists and cannot be imported into the current release: invalid ownership metadata; '
      + 'label validation error: missing key "app.kubernetes.io/managed-by": must be set to "Helm"; annotation validation error: missing key "meta.helm.sh/release-name": must be set to "r"; '
      + 'annotation validation error: missing key "meta.helm.sh/release-namespace": must be set to "NS"');
    assert.deepEqual(await storedHistory(ns.hookline, 'r'), []);
    // A server dry run asks the same; a client dry run asks the cluster nothing.
    assert.equal(await refusedAlike(ns, ['install', 'r', chart, '--dry-run=server']), line);
    const client = await runBothTools((tool) => ['install', 'r', chart, '-n', ns[tool], '--dry-run=client']);
    assert.equal(client.helm.code, 0, client.helm.stderr);
    assert.equal(client.hookline.code, 0, client.hookline.stderr);
  });

  test('install: an object of another release, wrong in each key', async () => {
    const ns = await twins('oc-other');
    await existing(ns, 'configmaps', 'a-cm', { release: 'other', namespace: 'elsewhere', managedBy: 'Kustomize' });
    const line = await refusedAlike(ns, ['install', 'r', chart]);
    assert.match(line, /label validation error: key "app.kubernetes.io\/managed-by" must equal "Helm": current value is "Kustomize"; annotation validation error: key "meta.helm.sh\/release-name" must equal "r": current value is "other"; annotation validation error: key "meta.helm.sh\/release-namespace" must equal "NS": current value is "elsewhere"$/);
  });

  test('install --replace of an uninstalled release: a foreign object in its way conflicts as well', async () => {
    const ns = await twins('oc-rep');
    for (const args of [['install', 'r', smaller], ['uninstall', 'r', '--keep-history']]) {
      const run = await runBothTools((tool) => [...args, '-n', ns[tool]]);
      assert.equal(run.hookline.code, 0, run.hookline.stderr);
    }
    await existing(ns, 'configmaps', 'a-cm');
    const line = await refusedAlike(ns, ['install', 'r', smaller, '--replace']);
    assert.match(line, /unable to continue with install: ConfigMap "a-cm" in namespace "NS" exists and cannot be imported/);
    assert.deepEqual(await storedHistory(ns.hookline, 'r'), await storedHistory(ns.helm, 'r'));
  });

  test('upgrade: an object the new revision adds that another release owns', async () => {
    const ns = await twins('oc-up');
    const installed = await runBothTools((tool) => ['install', 'r', smaller, '-n', ns[tool]]);
    assert.equal(installed.hookline.code, 0, installed.hookline.stderr);
    await existing(ns, 'configmaps', 'b-cm', { release: 'other', namespace: 'same', managedBy: 'Helm' });
    const line = await refusedAlike(ns, ['upgrade', 'r', chart]);
    assert.match(line, /^Error: UPGRADE FAILED: unable to continue with update: ConfigMap "b-cm" in namespace "NS" exists and cannot be imported into the current release: invalid ownership metadata; annotation validation error: key "meta.helm.sh\/release-name" must equal "r": current value is "other"$/);
    assert.deepEqual(await storedHistory(ns.hookline, 'r'), await storedHistory(ns.helm, 'r'));
  });
});
