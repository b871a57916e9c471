// helm's Chart.yaml lint rules compared with helm v4: name, apiVersion, version and icon checks,
// and a chart that does not load (here through a subchart with an invalid version) still gets
// its Chart.yaml and values.yaml messages before "unable to load chart".
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { runBothTools, writeChart } from '../support/cli-differential.ts';

const chartYamls: Record<string, string> = {
  'no-name': 'apiVersion: v2\nversion: 1.0.0\n',
  'no-version': 'apiVersion: v2\nname: c\n',
  'no-api-version': 'name: c\nversion: 1.0.0\n',
  'bad-version': 'apiVersion: v2\nname: c\nversion: bad\n',
  'loose-version': 'apiVersion: v2\nname: c\nversion: "1.0"\n',
  'relative-icon': 'apiVersion: v2\nname: c\nversion: 1.0.0\nicon: images/icon.png\n',
  'opaque-icon': 'apiVersion: v2\nname: c\nversion: 1.0.0\nicon: "data:image/png;base64,AAAA"\n',
};
const files: Record<string, string> = {};
for (const [dir, yaml] of Object.entries(chartYamls)) {
  files[`${dir}/Chart.yaml`] = yaml;
  files[`${dir}/templates/cm.yaml`] = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n';
}
files['broken-sub/Chart.yaml'] = 'apiVersion: v2\nname: broken-sub\nversion: 0.1.0\n';
files['broken-sub/values.yaml'] = 'a: 1\n';
files['broken-sub/templates/cm.yaml'] = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n';
files['broken-sub/charts/sub/Chart.yaml'] = 'apiVersion: v2\nname: sub\nversion: 1.0.0-x_y\n';
const root = writeChart(files);
after(() => rmSync(root, { recursive: true, force: true }));

describe('lint: Chart.yaml rules like helm', { concurrency: 4 }, () => {
  for (const args of [...Object.keys(chartYamls).map((d) => [d]), ['broken-sub'], ['--with-subcharts', 'broken-sub', '--strict']]) {
    test(args.join(' '), async () => {
      const run = await runBothTools((tool) => ['lint', ...args, ...(tool === 'hookline' ? ['--no-hooks'] : [])], { noKubeconfig: true, cwd: root });
      assert.equal(run.hookline.stdout, run.helm.stdout);
      assert.equal(run.hookline.stderr, run.helm.stderr);
      assert.equal(run.hookline.code, run.helm.code);
    });
  }
});
