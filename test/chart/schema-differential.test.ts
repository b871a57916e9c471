// values.schema.json validation against the real helm 4.1.4 (santhosh-tekuri/jsonschema v6):
// for each schema × values case of schema-cases.ts, helm's stderr and exit code must equal
// what Hookline prints, byte for byte; a few cases also go through the hookline CLI itself.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { chartValuesForRender } from '../../src/chart/render-values.ts';
import { loadChart } from '../../src/chart/load.ts';
import { mergeValueSources } from '../../src/values/merge-sources.ts';
import { helmTemplate, writeChart } from './helm-reference.ts';
import { schemaCases, type SchemaCase } from './schema-cases.ts';

const repoRoot = join(import.meta.dirname, '..', '..');

function chartFiles(c: SchemaCase): Record<string, string> {
  return {
    'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
    'values.yaml': c.values ?? '',
    'values.schema.json': typeof c.schema === 'string' ? c.schema : JSON.stringify(c.schema),
    'templates/values.yaml': '# {{ toJson .Values }}\n',
    ...c.files,
  };
}

/** What `hookline template` prints on stderr and its exit code, from the values step it runs. */
function hooklineRun(dir: string, set: string[]): { status: number; stderr: string } {
  try {
    chartValuesForRender(loadChart(dir), mergeValueSources({ set }), { warn: () => {} });
    return { status: 0, stderr: '' };
  } catch (err) {
    return { status: 1, stderr: `Error: ${(err as Error).message}\n` };
  }
}

const setArgs = (c: SchemaCase) => (c.set ?? []).flatMap((s) => ['--set', s]);

describe('values.schema.json: Hookline prints what helm prints', () => {
  const charts: { cleanup: () => void }[] = [];
  after(() => charts.forEach((c) => c.cleanup()));
  for (const [name, c] of Object.entries(schemaCases)) {
    test(name, () => {
      const chart = writeChart(chartFiles(c));
      charts.push(chart);
      const helm = helmTemplate(chart.dir, setArgs(c));
      const ours = hooklineRun(chart.dir, c.set ?? []);
      assert.deepEqual(ours, { status: helm.status, stderr: helm.status === 0 ? '' : helm.stderr });
    });
  }
});

describe('the hookline CLI reports schema failures as helm does', () => {
  for (const name of ['type: integer wanted, string given', 'anyOf nested in oneOf', '$ref to a missing pointer fails the schema', 'subchart schema sees its values and the globals']) {
    test(name, () => {
      const c = schemaCases[name];
      const chart = writeChart(chartFiles(c));
      try {
        const helm = helmTemplate(chart.dir, setArgs(c));
        const ours = spawnSync(process.execPath, [join(repoRoot, 'bin', 'hookline.js'), 'template', 'x', chart.dir, ...setArgs(c)], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
        assert.equal(helm.status, 1);
        assert.deepEqual({ status: ours.status, stderr: ours.stderr, stdout: ours.stdout }, { status: helm.status, stderr: helm.stderr, stdout: helm.stdout });
      } finally {
        chart.cleanup();
      }
    });
  }
});
