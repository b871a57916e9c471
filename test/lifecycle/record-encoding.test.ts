// Differential: the release records Hookline's CLI stores are byte for byte the JSON helm v4
// stores for the same steps on the same chart (struct field order, omitempty, sorted map keys),
// once timestamps and the namespace name are set aside.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { KubeClient } from '../../src/kube/client.ts';
import { freshNamespace, testClient } from '../support/cluster.ts';
import { dropNamespace, lifecycleChartsDir, runHelm, runHookline } from '../support/lifecycle-harness.ts';

/** The stored JSON text of every revision, oldest first, exactly as the tool wrote it. */
async function storedRecords(client: KubeClient, namespace: string, release: string): Promise<string[]> {
  const list = await client.request<{ items: Array<{ metadata: { labels: { version: string } }; data: { release: string } }> }>('GET',
    `/api/v1/namespaces/${namespace}/secrets?labelSelector=${encodeURIComponent(`owner=helm,name=${release}`)}`);
  return list.items
    .sort((a, b) => Number(a.metadata.labels.version) - Number(b.metadata.labels.version))
    .map((s) => gunzipSync(Buffer.from(Buffer.from(s.data.release, 'base64').toString('utf8'), 'base64')).toString('utf8'));
}

/** Timestamps (release times, hook runs, chart file times) and the namespace necessarily differ. */
function normalised(json: string, namespace: string): string {
  return json.split(namespace).join('NS').replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)/g, 'TIME');
}

interface Scenario { chart: string; steps: string[][] }

/** Marks a step that fails with both tools. */
const FAILS = '<fails>';

const scenarios: Record<string, Scenario> = {
  'hooks of every kind: install, upgrade, rollback, test, test --filter, uninstall --keep-history': {
    chart: 'lifecycle-hooks',
    steps: [
      ['install', 'rec', 'CHART'],
      // Keys given out of Go's order: the record sorts them.
      ['upgrade', 'rec', 'CHART', '--set', 'generation=2', '--set', 'zeta.b=1', '--set', 'zeta.a=x', '--set', 'alpha=<&>'],
      ['rollback', 'rec', '1'],
      ['test', 'rec'],
      // helm stores the hooks the filter leaves out first.
      ['test', 'rec', '--filter', 'name=hook-test-ok'],
      ['uninstall', 'rec', '--keep-history'],
    ],
  },
  'a failing pre-upgrade hook, --reuse-values, --reset-values': {
    chart: 'lifecycle-hooks',
    steps: [
      ['install', 'rec', 'CHART', '--set', 'generation=3'],
      ['upgrade', 'rec', 'CHART', '--reuse-values', '--set', 'preSleep=0'],
      ['upgrade', 'rec', 'CHART', '--reset-values', '--set', 'zeta=1'],
      // Fails: the record holds the failed hook run and the failure description.
      ['upgrade', 'rec', 'CHART', '--set', 'failHooks=hook-job-pre', FAILS],
    ],
  },
  'every Chart.yaml field, subcharts, schema and files: install, upgrade, rollback, uninstall --keep-history': {
    chart: 'record-metadata',
    steps: [
      ['install', 'rec', 'CHART', '--set', 'b=2', '--set', 'a=1'],
      ['upgrade', 'rec', 'CHART', '--set', 'second.enabled=false', '--set', 'nested.z=9.25'],
      ['rollback', 'rec'],
      ['uninstall', 'rec', '--keep-history'],
    ],
  },
  'maintainers with empty email and url, annotations out of key order: install, upgrade': {
    chart: 'record-maintainers',
    steps: [
      ['install', 'rec', 'CHART'],
      ['upgrade', 'rec', 'CHART'],
    ],
  },
};

async function runSteps(tool: 'helm' | 'hookline', scenario: Scenario, client: KubeClient): Promise<{ namespace: string; records: string[] }> {
  const namespace = await freshNamespace(client, `lc-rec-${tool === 'helm' ? 'h' : 'k'}`);
  const run = tool === 'helm' ? runHelm : runHookline;
  for (const step of scenario.steps) {
    const fails = step.includes(FAILS);
    const args = [...step.filter((a) => a !== FAILS).map((a) => (a === 'CHART' ? join(lifecycleChartsDir, scenario.chart) : a)), '-n', namespace, '--timeout', '60s'];
    const result = await run(args);
    if (fails) assert.notEqual(result.code, 0, `${tool} ${step[0]} was expected to fail`);
    else assert.equal(result.code, 0, `${tool} ${step[0]}: ${result.stderr}`);
  }
  return { namespace, records: await storedRecords(client, namespace, 'rec') };
}

describe('stored release records are what helm stores', { concurrency: 3 }, () => {
  for (const [name, scenario] of Object.entries(scenarios)) {
    test(name, async () => {
      const client = testClient();
      const [helm, hookline] = await Promise.all([runSteps('helm', scenario, client), runSteps('hookline', scenario, client)]);
      try {
        assert.ok(helm.records.length > 0, 'helm stored no release record');
        assert.equal(hookline.records.length, helm.records.length);
        for (let i = 0; i < helm.records.length; i++) {
          assert.equal(normalised(hookline.records[i], hookline.namespace), normalised(helm.records[i], helm.namespace), `revision ${i + 1}`);
        }
      } finally {
        await Promise.all([dropNamespace(client, helm.namespace), dropNamespace(client, hookline.namespace)]);
      }
    });
  }
});
