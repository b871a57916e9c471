// Templates that render into broken YAML, broken values files, and a post-renderer's broken
// output fail as helm 4.1.4 fails: the same go-yaml (v2, or v3 after post-rendering) message and
// line number, byte for byte on stderr.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { helmTemplate, hooklineTemplate } from './run-both.ts';
import { runTool, writeChart } from '../support/cli-differential.ts';
import { dataHome, postRendererYaml, writePlugin } from '../plugin/plugins.ts';

interface BrokenChart {
  templates: Record<string, string>;
  values?: string;
  /** An extra values file passed with -f. */
  extraValues?: string;
}

const charts: Record<string, BrokenChart> = {
  // A block scalar whose later lines lose their indentation (the report that started this).
  capabilitiesInBlockScalar: { templates: { 'a.yaml': 'a: |-\n  x\nu: |-\n  {{ .Capabilities | toYaml | trunc 80 }}\nb: 1\n' } },
  labelsIndentedTooLittle: {
    templates: { 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels:\n{{ toYaml .Values.labels | indent 1 }}\ndata:\n  k: v\n' },
    values: 'labels:\n  app: web\n  tier: front\n',
  },
  listBetweenIndents: {
    templates: { 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  k: v\n{{ toYaml .Values.list | indent 1 }}\n' },
    values: 'list: [a, b]\n',
  },
  unterminatedFlow: { templates: { 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  args: [{{ .Values.s }}\n' }, values: 's: str\n' },
  unterminatedQuote: { templates: { 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "{{ .Values.s }}\ndata: {}\n' }, values: 's: str\n' },
  tabIndent: { templates: { 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: x\n' } },
  secondDocumentBroken: {
    templates: {
      'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b: {{ .Values.s }}\n',
      'b.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "c\n',
    },
    values: 's: str\n',
  },
  fromYamlError: { templates: { 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  e: {{ (fromYaml "a: 1\\nb: c: d").Error | quote }}\n' } },
  brokenValuesFile: { templates: { 'a.yaml': 'a: 1\n' }, values: 'a:\n  b: 1\n c: 2\n' },
  brokenExtraValues: { templates: { 'a.yaml': 'a: 1\n' }, extraValues: 'list:\n- a\n- b\nc:\n\td: 1\n' },
};

function chartDir(chart: BrokenChart): string {
  const dir = mkdtempSync(join(tmpdir(), 'hookline-yamlerr-'));
  mkdirSync(join(dir, 'c', 'templates'), { recursive: true });
  writeFileSync(join(dir, 'c', 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
  writeFileSync(join(dir, 'c', 'values.yaml'), chart.values ?? '');
  for (const [name, text] of Object.entries(chart.templates)) writeFileSync(join(dir, 'c', 'templates', name), text);
  if (chart.extraValues !== undefined) writeFileSync(join(dir, 'extra.yaml'), chart.extraValues);
  return dir;
}

for (const [name, chart] of Object.entries(charts)) {
  test(`broken YAML fails like helm template: ${name}`, () => {
    const dir = chartDir(chart);
    const args = ['x', './c', ...(chart.extraValues !== undefined ? ['-f', 'extra.yaml'] : [])];
    const helm = helmTemplate(args, dir);
    const ours = hooklineTemplate(args, dir);
    if (name === 'fromYamlError') {
      // fromYaml puts the error into the map it returns: the render succeeds.
      assert.equal(helm.code, 0, helm.stderr);
      assert.match(helm.stdout, /yaml: line/);
      assert.equal(ours.stdout, helm.stdout);
    } else {
      assert.equal(helm.code, 1, `helm should fail on ${name}:\n${helm.stdout}`);
      assert.match(helm.stderr, /yaml: /);
      assert.equal(ours.stderr, helm.stderr);
      assert.equal(ours.stdout, '');
    }
    assert.equal(ours.code, helm.code);
  });
}

test('broken YAML from a post-renderer fails as in helm (kyaml reads it with go-yaml v3)', async () => {
  const home = dataHome();
  const outputs: Record<string, string> = {
    // v3 numbers this from the start of the mapping (metadata's) where v2 would say line 5.
    unindented: 'kind: A\nmetadata:\n  name: a\n  labels:\n    x: 1\n   y: 2\n',
    tabAfterValue: 'kind: A\nmetadata:\n  name: a\ndata:\n  k:\t# a comment after a tab\n  j: |\n   x\n\ty\n',
    openFlow: 'kind: A\nmetadata: {name: a\n',
    // The yaml package reads this; go-yaml does not.
    tabOnBlankLine: 'kind: A\nmetadata:\n  name: a\n\t\ndata: {}\n',
  };
  for (const [name, text] of Object.entries(outputs)) {
    writePlugin(join(home, 'plugins'), name, postRendererYaml(name, 'out.sh'), { 'out.sh': 'cat\ncat "$HELM_PLUGIN_DIR/more.yaml"\n', 'more.yaml': `---\n${text}` });
  }
  const chart = writeChart({ 'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n', 'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n' });
  for (const name of Object.keys(outputs)) {
    const args = ['template', 'x', chart, '--post-renderer', name];
    const env = { HELM_DATA_HOME: home, HELM_PLUGINS: undefined };
    const [helm, ours] = await Promise.all([runTool('helm', args, { noKubeconfig: true, env }), runTool('hookline', args, { noKubeconfig: true, env })]);
    assert.equal(helm.code, 1, `${name}: helm should fail:\n${helm.stdout}`);
    assert.match(helm.stderr, /yaml: /);
    assert.equal(ours.stderr, helm.stderr, name);
    assert.equal(ours.code, helm.code, name);
  }
});
