// Differential: `get metadata` (table, JSON, YAML) and `status -o json|yaml` print what helm v4
// prints for the same release: one installed by helm, one installed by Hookline, each read by
// both tools (annotations, labels, dependencies, apply method, live resources with related pods).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { freshNamespace, testClient } from '../support/cluster.ts';
import { dropNamespace, lifecycleChartsDir, runHelm, runHookline } from '../support/lifecycle-harness.ts';

const chart = join(lifecycleChartsDir, 'record-metadata');

/**
 * helm prints the RESOURCES groups in Go's random map order (Hookline sorts them), so they are
 * compared sorted.
 */
function groupsSorted(text: string): string {
  const paragraphs = text.replace('RESOURCES:\n', 'RESOURCES:\n\n').split('\n\n');
  const groups = paragraphs.filter((p) => p.startsWith('==> ')).sort();
  return paragraphs.map((p) => (p.startsWith('==> ') ? groups.shift()! : p)).join('\n\n');
}

/**
 * A list's resourceVersion is the cluster's current one, which moves between the two reads;
 * ages in resource tables tick.
 */
const steady = (text: string) => groupsSorted(text)
  .replace(/\b\d+(m\d+)?s\b/g, 'AGE')
  .replace(/"metadata":\{"resourceVersion":"\d+"\}/g, '"metadata":{"resourceVersion":"RV"}')
  .replace(/^(\s*)metadata:\n(\s*)resourceVersion: "\d+"$/gm, '$1metadata:\n$2resourceVersion: "RV"');

describe('get metadata and status -o json|yaml print what helm prints', { concurrency: 4 }, () => {
  const namespaces: Record<'helm' | 'hookline', string> = { helm: '', hookline: '' };
  before(async () => {
    for (const tool of ['helm', 'hookline'] as const) {
      namespaces[tool] = await freshNamespace(testClient(), `lc-meta-${tool === 'helm' ? 'h' : 'k'}`);
      const run = tool === 'helm' ? runHelm : runHookline;
      const args = ['-n', namespaces[tool], '--timeout', '60s'];
      const installed = await run(['install', 'meta', chart, '--labels', 'team=web,tier=front', ...args]);
      assert.equal(installed.code, 0, installed.stderr);
      // --wait: the worker's pod is running, so the live objects both tools read hold still.
      const upgraded = await run(['upgrade', 'meta', chart, '--set', 'second.enabled=false', '--wait', ...args]);
      assert.equal(upgraded.code, 0, upgraded.stderr);
    }
  });

  after(async () => {
    await Promise.all(Object.values(namespaces).map((ns) => dropNamespace(testClient(), ns)));
  });

  const commands = [
    ['get', 'metadata'], ['get', 'metadata', '-o', 'json'], ['get', 'metadata', '-o', 'yaml'],
    // A single revision is read with Get, which keeps only the custom labels.
    ['get', 'metadata', '--revision', '1'], ['get', 'metadata', '--revision', '1', '-o', 'json'],
    // The table groups objects by version/kind: apps/v1 Deployments under "v1/Deployment".
    ['status'], ['status', '-o', 'json'], ['status', '-o', 'yaml'], ['status', '--revision', '1', '-o', 'json'],
    ['get', 'values', '-o', 'yaml'], ['history', '-o', 'yaml'], ['get', 'all'], ['get', 'all', '--revision', '1'], ['get', 'hooks'],
  ];
  for (const installedBy of ['helm', 'hookline'] as const) {
    for (const command of commands) {
      test(`${command.join(' ')} of a release installed by ${installedBy}`, async () => {
        const args = [...command.slice(0, command[0] === 'get' ? 2 : 1), 'meta', ...command.slice(command[0] === 'get' ? 2 : 1), '-n', namespaces[installedBy]];
        const [helm, ours] = await Promise.all([runHelm(args), runHookline(args)]);
        assert.equal(helm.code, 0, helm.stderr);
        assert.equal(ours.code, 0, ours.stderr);
        assert.equal(steady(ours.stdout), steady(helm.stdout));
      });
    }
  }

  test('deployedAt is in whole seconds and the labels are the storage object\'s', async () => {
    const ours = JSON.parse((await runHookline(['get', 'metadata', 'meta', '-o', 'json', '-n', namespaces.hookline])).stdout);
    assert.match(ours.deployedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.deepEqual(ours.dependencies.map((d: { name: string }) => d.name), ['sub', 'second']);
    assert.equal(ours.labels.team, 'web');
    assert.equal(ours.labels.owner, 'helm');
    assert.equal(ours.applyMethod, 'ssa');
  });
});
