// Differential: the release `install`/`upgrade -o json` and `-o yaml` print (Hookline's -o json: in
// its last JSON line, the "result" event) is byte for byte what helm v4 prints for the same step.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { KubeClient } from '../../src/kube/client.ts';
import { freshNamespace, testClient } from '../support/cluster.ts';
import { dropNamespace, lifecycleChartsDir, runHelm, runHookline } from '../support/lifecycle-harness.ts';

/** Timestamps and the namespace name necessarily differ. */
function normalised(json: string, namespace: string): string {
  return json.split(namespace).join('NS').replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)/g, 'TIME');
}

const resultPrefix = '{"type":"result","release":';

/** The release text exactly as printed: the whole stdout, except Hookline's -o json: its result event's release. */
function printedRelease(tool: 'helm' | 'hookline', format: string, stdout: string): string {
  if (tool === 'helm' || format === 'yaml') return stdout.trim();
  const last = stdout.trim().split('\n').at(-1) ?? '';
  assert.ok(last.startsWith(resultPrefix) && last.endsWith('}'), `hookline's last -o json line is not the result event: ${last.slice(0, 200)}`);
  return last.slice(resultPrefix.length, -1);
}

const steps: Record<string, string[][]> = {
  // Maintainers with empty email/url and annotations out of key order.
  'record-maintainers': [['install', 'out', 'CHART'], ['upgrade', 'out', 'CHART', '--set', 'z=1', '--set', 'a=2']],
  // Every Chart.yaml field, schema, files; user values out of Go's key order.
  'record-metadata': [['install', 'out', 'CHART', '--set', 'b=2', '--set', 'a=1'], ['upgrade', 'out', 'CHART', '--set', 'nested.z=9.25']],
};

async function printedReleases(tool: 'helm' | 'hookline', chart: string, format: string, client: KubeClient): Promise<{ namespace: string; printed: string[] }> {
  const namespace = await freshNamespace(client, `lc-out-${tool === 'helm' ? 'h' : 'k'}`);
  const run = tool === 'helm' ? runHelm : runHookline;
  const printed: string[] = [];
  for (const step of steps[chart]) {
    const args = [...step.map((a) => (a === 'CHART' ? join(lifecycleChartsDir, chart) : a)), '-n', namespace, '-o', format, '--timeout', '60s'];
    const result = await run(tool === 'hookline' ? [...args, '--quiet'] : args);
    assert.equal(result.code, 0, `${tool} ${step[0]}: ${result.stderr}`);
    printed.push(normalised(printedRelease(tool, format, result.stdout), namespace));
  }
  return { namespace, printed };
}

describe('install/upgrade -o json|yaml print the release as helm does', { concurrency: 2 }, () => {
  for (const [chart, format] of Object.keys(steps).flatMap((c) => [[c, 'json'], [c, 'yaml']])) {
    test(`${chart} -o ${format}`, async () => {
      const client = testClient();
      const [helm, hookline] = await Promise.all([printedReleases('helm', chart, format, client), printedReleases('hookline', chart, format, client)]);
      try {
        for (let i = 0; i < helm.printed.length; i++) {
          assert.match(helm.printed[i], format === 'json' ? /^\{"name":"out","info":\{/ : /^chart:\n/m);
          assert.equal(hookline.printed[i], helm.printed[i], `${steps[chart][i][0]} -o ${format}`);
        }
      } finally {
        await Promise.all([dropNamespace(client, helm.namespace), dropNamespace(client, hookline.namespace)]);
      }
    });
  }
});
