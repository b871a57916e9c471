// HELM_DRIVER=configmap: releases recorded in ConfigMaps by Hookline are listed, upgraded and
// uninstalled by helm v4 with the same driver, and the reverse.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshNamespace, testClient, testKubeconfig } from '../support/cluster.ts';
import { dropNamespace, type HelmRun } from '../support/lifecycle-harness.ts';
import { runCli, type Tool } from '../support/run-process.ts';


/** Runs helm or Hookline with HELM_DRIVER=configmap and fails the test when it exits non-zero. */
async function ok(tool: Tool, args: string[]): Promise<HelmRun> {
  const result = await runCli(tool, [...args, '--kubeconfig', testKubeconfig()], { env: { HELM_DRIVER: 'configmap' } });
  assert.equal(result.code, 0, `${tool} ${args.join(' ')} failed: ${result.stderr}`);
  return result;
}

let chart = '';
const namespaces: string[] = [];

before(() => {
  chart = mkdtempSync(join(tmpdir(), 'hookline-cmdriver-'));
  mkdirSync(join(chart, 'templates'));
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: cmdriver\nversion: 0.1.0\n');
  writeFileSync(join(chart, 'values.yaml'), 'generation: 1\n');
  writeFileSync(join(chart, 'templates', 'config.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\ndata:\n  generation: {{ .Values.generation | quote }}\n');
});

after(async () => {
  rmSync(chart, { recursive: true, force: true });
  const client = testClient();
  await Promise.all(namespaces.map((ns) => dropNamespace(client, ns)));
});

/** Names of the helm-owned records of a kind (secrets or configmaps) in a namespace. */
async function records(ns: string, collection: 'secrets' | 'configmaps'): Promise<string[]> {
  const list = await testClient().request<{ items: Array<{ metadata: { name: string } }> }>('GET',
    `/api/v1/namespaces/${ns}/${collection}?labelSelector=${encodeURIComponent('owner=helm')}`);
  return list.items.map((item) => item.metadata.name).sort();
}

interface ListRow { name: string; revision: string; status: string; chart: string }

async function listed(tool: Tool, ns: string): Promise<Array<Pick<ListRow, 'name' | 'revision' | 'status'>>> {
  const rows = JSON.parse((await ok(tool, ['list', '-n', ns, '-o', 'json'])).stdout) as ListRow[];
  return rows.map(({ name, revision, status }) => ({ name, revision, status }));
}

async function statuses(tool: Tool, ns: string): Promise<string[]> {
  const rows = JSON.parse((await ok(tool, ['history', 'rel', '-n', ns, '-o', 'json'])).stdout) as Array<{ status: string }>;
  return rows.map((r) => r.status);
}

/** `first` installs, `second` lists, upgrades and uninstalls; `first` reads the history in between. */
async function takeTurns(first: Tool, second: Tool, prefix: string): Promise<void> {
  const ns = await freshNamespace(testClient(), prefix);
  namespaces.push(ns);
  await ok(first, ['install', 'rel', chart, '-n', ns]);
  assert.deepEqual(await records(ns, 'configmaps'), ['sh.helm.release.v1.rel.v1']);
  assert.deepEqual(await records(ns, 'secrets'), []);
  assert.deepEqual(await listed(second, ns), [{ name: 'rel', revision: '1', status: 'deployed' }]);
  await ok(second, ['upgrade', 'rel', chart, '-n', ns, '--set', 'generation=2']);
  assert.deepEqual(await statuses(first, ns), ['superseded', 'deployed']);
  assert.deepEqual(await listed(first, ns), [{ name: 'rel', revision: '2', status: 'deployed' }]);
  const live = await testClient().request<{ data: Record<string, string> }>('GET', `/api/v1/namespaces/${ns}/configmaps/app-config`);
  assert.equal(live.data.generation, '2');
  await ok(second, ['uninstall', 'rel', '-n', ns]);
  assert.deepEqual(await records(ns, 'configmaps'), []);
  assert.deepEqual(await listed(first, ns), []);
}

describe('HELM_DRIVER=configmap is shared with helm v4', { concurrency: 2 }, () => {
  test('installed by Hookline; listed, upgraded and uninstalled by helm', () => takeTurns('hookline', 'helm', 'lc-cmdrv-k'));
  test('installed by helm; listed, upgraded and uninstalled by Hookline', () => takeTurns('helm', 'hookline', 'lc-cmdrv-h'));
});
