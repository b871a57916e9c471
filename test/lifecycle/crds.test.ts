// A chart's crds/ folder on install, through the CLI and compared with helm v4 in twin
// namespaces: the CRD is created before the chart's custom resource is applied, it stays out of
// the stored manifest, --skip-crds leaves it out, and an install over an existing CRD works; a
// subchart its condition or tags disable brings no CRD, a server dry run installs none (with
// helm's warning), and a release name in use fails before any CRD goes in.
// CRDs are cluster-wide, so each tool gets its own API group, unique to this run.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { freshNamespace, testClient } from '../support/cluster.ts';
import { comparable, errorLine, runTool, storedHistory, writeChart, type Tool } from '../support/cli-differential.ts';
import { dropNamespace } from '../support/lifecycle-harness.ts';

const run = randomBytes(3).toString('hex');
const tools: Tool[] = ['helm', 'hookline'];
const crdPath = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';

function group(tool: Tool, use: string): string {
  return `${tool}-${use}-${run}.crds.hookline.test`;
}

/** A CRD of kind `kind` (plural: its name in lower case with an "s") in the API group. */
function crdYaml(apiGroup: string, kind: string): string {
  const singular = kind.toLowerCase();
  return [
    'apiVersion: apiextensions.k8s.io/v1', 'kind: CustomResourceDefinition', 'metadata:', `  name: ${singular}s.${apiGroup}`,
    'spec:', `  group: ${apiGroup}`, '  scope: Namespaced',
    `  names: {plural: ${singular}s, singular: ${singular}, kind: ${kind}, listKind: ${kind}List}`,
    '  versions:', '  - name: v1', '    served: true', '    storage: true', '    schema:', '      openAPIV3Schema:',
    '        type: object', '        x-kubernetes-preserve-unknown-fields: true', '',
  ].join('\n');
}

/** A chart with a Widget CRD in crds/ and a Widget in templates/, in the given API group. */
function widgetChart(apiGroup: string): string {
  return writeChart({
    'Chart.yaml': 'apiVersion: v2\nname: widgets\nversion: 0.1.0\n',
    'crds/widget.yaml': crdYaml(apiGroup, 'Widget'),
    'templates/widget.yaml': `apiVersion: ${apiGroup}/v1\nkind: Widget\nmetadata:\n  name: {{ .Release.Name }}-widget\nspec:\n  size: 3\n`,
    'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\n',
  }, 'hookline-crds-');
}

const charts: string[] = [];
const groups: string[] = [];
const namespaces: string[] = [];
after(async () => {
  for (const dir of charts) rmSync(dir, { recursive: true, force: true });
  await Promise.all(namespaces.map((ns) => dropNamespace(testClient(), ns)));
  const crdNames = groups.flatMap((g) => ['widgets', ...subchartKinds.map((k) => `${k.toLowerCase()}s`)].map((plural) => `${plural}.${g}`));
  await Promise.all(crdNames.map((name) => testClient().request('DELETE', `${crdPath}/${name}`).catch(() => undefined)));
});

/** The kinds of subchartCrdChart's CRDs: one subchart disabled by its condition, one by its tag, one always on. */
const subchartKinds = ['Cond', 'Tagged', 'Plain'];

/** A parent chart (a ConfigMap) whose subcharts cond, tagged and plain each bring one CRD of subchartKinds. */
function subchartCrdChart(apiGroup: string): string {
  const subchart = (kind: string) => ({
    [`charts/${kind.toLowerCase()}/Chart.yaml`]: `apiVersion: v2\nname: ${kind.toLowerCase()}\nversion: 0.1.0\n`,
    [`charts/${kind.toLowerCase()}/crds/${kind.toLowerCase()}.yaml`]: crdYaml(apiGroup, kind),
  });
  return writeChart({
    'Chart.yaml': [
      'apiVersion: v2', 'name: parent', 'version: 0.1.0', 'dependencies:',
      '- name: cond', '  version: 0.1.0', '  condition: cond.enabled',
      '- name: tagged', '  version: 0.1.0', '  tags: [extra]',
      '- name: plain', '  version: 0.1.0', '',
    ].join('\n'),
    'values.yaml': 'cond:\n  enabled: false\ntags:\n  extra: false\n',
    'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\n',
    ...subchart('Cond'), ...subchart('Tagged'), ...subchart('Plain'),
  }, 'hookline-crds-');
}

/** Per tool: a fresh namespace and a chart in that tool's own API group for this use. */
async function twins(use: string, chart: (apiGroup: string) => string = widgetChart): Promise<Record<Tool, { ns: string; chart: string; group: string }>> {
  const out = {} as Record<Tool, { ns: string; chart: string; group: string }>;
  for (const tool of tools) {
    const apiGroup = group(tool, use);
    out[tool] = { ns: await freshNamespace(testClient(), `crd-${use}-${tool[0]}`), chart: chart(apiGroup), group: apiGroup };
    charts.push(out[tool].chart); groups.push(apiGroup); namespaces.push(out[tool].ns);
  }
  return out;
}

/** Text with the tool's namespace and API group made neutral, so the two tools' can be compared. */
function neutral(text: string, twin: { ns: string; group: string }): string {
  return comparable(text.split(twin.group).join('GROUP'), twin.ns);
}

async function exists(path: string): Promise<boolean> {
  return testClient().request('GET', path).then(() => true, (err: { status?: number }) => {
    if (err.status === 404) return false;
    throw err;
  });
}

/** Runs the same command with both tools (one after the other: both write cluster-wide objects). */
async function both(twin: Record<Tool, { ns: string; chart: string; group: string }>, args: (t: { ns: string; chart: string }) => string[]) {
  const helm = await runTool('helm', args(twin.helm));
  const hookline = await runTool('hookline', args(twin.hookline));
  assert.equal(hookline.code, helm.code, `hookline: ${hookline.stderr}\nhelm: ${helm.stderr}`);
  assert.equal(neutral(hookline.stdout, twin.hookline), neutral(helm.stdout, twin.helm));
  assert.equal(neutral(errorLine(hookline.stderr), twin.hookline), neutral(errorLine(helm.stderr), twin.helm));
  return { helm, hookline };
}

async function sameHistory(twin: Record<Tool, { ns: string; group: string }>, release: string): Promise<void> {
  const view = async (tool: Tool) => JSON.parse(JSON.stringify(await storedHistory(twin[tool].ns, release)).split(twin[tool].group).join('GROUP'));
  assert.deepEqual(await view('hookline'), await view('helm'));
}

describe('crds/ on install as helm', { concurrency: 1 }, () => {
  test('install creates the CRD first, keeps it out of the manifest, and applies the custom resource', async () => {
    const twin = await twins('in');
    const runs = await both(twin, (t) => ['install', 'wid', t.chart, '-n', t.ns]);
    assert.equal(runs.helm.code, 0, runs.helm.stderr);
    await sameHistory(twin, 'wid');
    const [record] = await storedHistory(twin.hookline.ns, 'wid');
    assert.doesNotMatch(record.manifest, /CustomResourceDefinition/);
    assert.match(record.manifest, /kind: Widget/);
    for (const tool of tools) {
      assert.ok(await exists(`${crdPath}/widgets.${twin[tool].group}`), `${tool}: the CRD exists`);
      assert.ok(await exists(`/apis/${twin[tool].group}/v1/namespaces/${twin[tool].ns}/widgets/wid-widget`), `${tool}: the Widget exists`);
    }

    // A second release of the chart, its CRD already present, installs as well.
    const again = await both(twin, (t) => ['install', 'again', t.chart, '-n', t.ns]);
    assert.equal(again.helm.code, 0, again.helm.stderr);
    await sameHistory(twin, 'again');
    for (const tool of tools) assert.ok(await exists(`/apis/${twin[tool].group}/v1/namespaces/${twin[tool].ns}/widgets/again-widget`), `${tool}: the second Widget exists`);
  });

  test('a server dry run installs no CRD and warns as helm; a client dry run says nothing', async () => {
    const twin = await twins('dry');
    for (const mode of ['server', 'client']) {
      const helm = await runTool('helm', ['install', 'wid', twin.helm.chart, '-n', twin.helm.ns, `--dry-run=${mode}`]);
      const hookline = await runTool('hookline', ['install', 'wid', twin.hookline.chart, '-n', twin.hookline.ns, `--dry-run=${mode}`, '--quiet']);
      // Server side the chart's Widget then has no kind to map to, and the install fails as helm's.
      assert.equal(hookline.code, helm.code, `${mode}: hookline: ${hookline.stderr}\nhelm: ${helm.stderr}`);
      assert.equal(neutral(hookline.stderr, twin.hookline), neutral(helm.stderr, twin.helm), mode);
      assert.equal(neutral(hookline.stdout, twin.hookline), neutral(helm.stdout, twin.helm), mode);
      if (mode === 'server') assert.match(helm.stderr, /^level=WARN msg="This chart or one of its subcharts contains CRDs/);
      else assert.equal(helm.code, 0, helm.stderr);
    }
    for (const tool of tools) assert.equal(await exists(`${crdPath}/widgets.${twin[tool].group}`), false, `${tool}: no CRD`);
  });

  test('--skip-crds installs no CRD, so the custom resource fails as under helm', async () => {
    const twin = await twins('skip');
    const runs = await both(twin, (t) => ['install', 'wid', t.chart, '-n', t.ns, '--skip-crds']);
    assert.notEqual(runs.helm.code, 0);
    assert.match(errorLine(runs.hookline.stderr), /Widget/);
    for (const tool of tools) assert.equal(await exists(`${crdPath}/widgets.${twin[tool].group}`), false, `${tool}: no CRD`);
    await sameHistory(twin, 'wid');
  });

  test('upgrade --install of a new release installs the CRDs too', async () => {
    const twin = await twins('up');
    const runs = await both(twin, (t) => ['upgrade', '--install', 'wid', t.chart, '-n', t.ns]);
    assert.equal(runs.helm.code, 0, runs.helm.stderr);
    await sameHistory(twin, 'wid');
    for (const tool of tools) assert.ok(await exists(`/apis/${twin[tool].group}/v1/namespaces/${twin[tool].ns}/widgets/wid-widget`), `${tool}: the Widget exists`);
  });

  /** Which of subchartCrdChart's CRDs exist, per tool. */
  async function subchartCrdsPresent(twin: Record<Tool, { group: string }>): Promise<Record<Tool, string[]>> {
    const present = {} as Record<Tool, string[]>;
    for (const tool of tools) {
      present[tool] = [];
      for (const kind of subchartKinds) if (await exists(`${crdPath}/${kind.toLowerCase()}s.${twin[tool].group}`)) present[tool].push(kind);
    }
    return present;
  }

  test('a subchart its condition or tags disable brings no CRD; enabled, it does', async () => {
    const twin = await twins('sub', subchartCrdChart);
    const runs = await both(twin, (t) => ['install', 'parent', t.chart, '-n', t.ns]);
    assert.equal(runs.helm.code, 0, runs.helm.stderr);
    await sameHistory(twin, 'parent');
    assert.deepEqual(await subchartCrdsPresent(twin), { helm: ['Plain'], hookline: ['Plain'] });

    const enabled = await both(twin, (t) => ['install', 'more', t.chart, '-n', t.ns, '--set', 'cond.enabled=true,tags.extra=true']);
    assert.equal(enabled.helm.code, 0, enabled.helm.stderr);
    await sameHistory(twin, 'more');
    assert.deepEqual(await subchartCrdsPresent(twin), { helm: subchartKinds, hookline: subchartKinds });
  });

  test('a release name in use fails the install before any CRD goes in', async () => {
    const twin = await twins('taken', subchartCrdChart);
    const first = await both(twin, (t) => ['install', 'taken', t.chart, '-n', t.ns]);
    assert.equal(first.helm.code, 0, first.helm.stderr);
    const again = await both(twin, (t) => ['install', 'taken', t.chart, '-n', t.ns, '--set', 'cond.enabled=true']);
    assert.equal(again.helm.code, 1);
    assert.equal(again.hookline.stderr, again.helm.stderr);
    assert.match(again.helm.stderr, /release name check failed: cannot reuse a name that is still in use/);
    assert.deepEqual(await subchartCrdsPresent(twin), { helm: ['Plain'], hookline: ['Plain'] });
    await sameHistory(twin, 'taken');
    // A dry run asks no history (helm's availableName), so it passes over the existing release.
    const dryRun = await both(twin, (t) => ['install', 'taken', t.chart, '-n', t.ns, '--dry-run=server']);
    assert.equal(dryRun.helm.code, 0, dryRun.helm.stderr);
  });
});
