// helm's lint values rule compared with helm v4: values.yaml with the user's values over it is
// checked against the chart's values.schema.json (an ERROR at values.yaml, besides the render's
// schema error), --skip-schema-validation turns both off, a values.yaml that does not parse is
// reported. Each schema here fails on one property only: helm lists several in random order.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { runBothTools, writeChart } from '../support/cli-differential.ts';

const chart = (values: string) => ({
  'Chart.yaml': 'apiVersion: v2\nname: sc\nversion: 0.1.0\nicon: https://example.invalid/i.png\n',
  'values.yaml': values,
  'values.schema.json': '{"type":"object","properties":{"replicas":{"type":"integer"}}}',
  'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  r: "{{ .Values.replicas }}"\n',
});
const files: Record<string, string> = {};
for (const [dir, values] of Object.entries({ wrong: 'replicas: three\n', right: 'replicas: 3\n' })) {
  for (const [path, text] of Object.entries(chart(values))) files[`${dir}/${path}`] = text;
}
const root = writeChart(files);
after(() => rmSync(root, { recursive: true, force: true }));

const cases: string[][] = [
  ['wrong'], ['wrong', '--skip-schema-validation'], ['wrong', '--set', 'replicas=3'], ['right'], ['right', '--set', 'replicas=x'], ['wrong', '--quiet'],
];

describe('lint: values rule like helm', { concurrency: 3 }, () => {
  for (const args of cases) {
    test(args.join(' '), async () => {
      const run = await runBothTools((tool) => ['lint', ...args, ...(tool === 'hookline' ? ['--no-hooks'] : [])], { noKubeconfig: true, cwd: root });
      assert.equal(run.hookline.stdout, run.helm.stdout);
      assert.equal(run.hookline.stderr, run.helm.stderr);
      assert.equal(run.hookline.code, run.helm.code);
    });
  }

  test('the values.yaml finding names the property', async () => {
    const run = await runBothTools((tool) => ['lint', 'wrong', ...(tool === 'hookline' ? ['--no-hooks'] : [])], { noKubeconfig: true, cwd: root });
    assert.match(run.hookline.stdout, /\[ERROR\] values\.yaml: - at '\/replicas': got string, want integer\n/);
  });
});
