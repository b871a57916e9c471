// install/upgrade flags helm users type, through the CLI and compared with helm v4 in twin
// namespaces: --name-template, --force-replace/--force-conflicts refused together, --hide-notes,
// --hide-secret, --skip-schema-validation, --take-ownership, --render-subchart-notes and
// --dependency-update.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { freshNamespace, testClient } from '../support/cluster.ts';
import { comparable, errorLine, runBothTools, storedHistory, writeChart, type Tool } from '../support/cli-differential.ts';
import { dropNamespace } from '../support/lifecycle-harness.ts';

const chart = writeChart({
  'Chart.yaml': 'apiVersion: v2\nname: flagged\nversion: 0.1.0\ndependencies:\n- name: sub\n  version: 0.1.0\n',
  'values.yaml': 'port: 8080\n',
  'values.schema.json': JSON.stringify({ type: 'object', properties: { port: { type: 'integer' } } }),
  'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  port: {{ .Values.port | quote }}\n',
  'templates/secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ .Release.Name }}-secret\nstringData:\n  password: hunter2\n',
  'templates/NOTES.txt': 'Top notes for {{ .Release.Name }}.\n',
  'charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.1.0\n',
  'charts/sub/templates/NOTES.txt': 'Sub notes.\n',
});

/** A chart whose dependency (a file:// repository beside it) is not in charts/ yet: one copy per tool. */
const needsUpdate = (['helm', 'hookline'] as const).map(() => writeChart({
  'app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n- name: sub\n  version: 0.1.0\n  repository: file://../sub\n',
  'app/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-app\n',
  'sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.1.0\n',
  'sub/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-sub\n',
}, 'hookline-depup-'));

const upgradeNeedsUpdate = needsUpdate.map((dir) => writeChart(Object.fromEntries(
  ['app/Chart.yaml', 'app/templates/cm.yaml', 'sub/Chart.yaml', 'sub/templates/cm.yaml'].map((path) => [path, readFileSync(join(dir, path), 'utf8')])), 'hookline-depup-upgrade-'));

const namespaces: string[] = [];
after(async () => {
  for (const dir of [chart, ...needsUpdate, ...upgradeNeedsUpdate]) rmSync(dir, { recursive: true, force: true });
  await Promise.all(namespaces.map((ns) => dropNamespace(testClient(), ns)));
});

async function twins(prefix: string): Promise<Record<Tool, string>> {
  const ns = { helm: await freshNamespace(testClient(), `${prefix}-h`), hookline: await freshNamespace(testClient(), `${prefix}-k`) };
  namespaces.push(ns.helm, ns.hookline);
  return ns;
}

/** Both tools; the same stdout, error line and exit status; returns the runs. */
async function same(ns: Record<Tool, string>, args: (tool: Tool) => string[]) {
  const run = await runBothTools(args);
  assert.equal(run.hookline.code, run.helm.code, `hookline: ${run.hookline.stderr}\nhelm: ${run.helm.stderr}`);
  assert.equal(comparable(run.hookline.stdout, ns.hookline), comparable(run.helm.stdout, ns.helm));
  assert.equal(comparable(errorLine(run.hookline.stderr), ns.hookline), comparable(errorLine(run.helm.stderr), ns.helm));
  return run;
}

describe('install and upgrade flags as helm', { concurrency: 3 }, () => {
  test('--name-template names the release; refused together with a name', async () => {
    const ns = await twins('if-name');
    const run = await same(ns, (tool) => ['install', chart, '-n', ns[tool], '--name-template', '{{ "nt" }}-{{ "rel" | upper | lower }}']);
    assert.match(run.helm.stdout, /^NAME: nt-rel$/m);
    assert.deepEqual(await storedHistory(ns.hookline, 'nt-rel'), await storedHistory(ns.helm, 'nt-rel'));
    const refused = await same(ns, (tool) => ['install', 'named', chart, '-n', ns[tool], '--name-template', 'x']);
    assert.equal(refused.helm.code, 1);
  });

  test('--force-replace (or --force) with --force-conflicts is refused before anything runs', async () => {
    const ns = await twins('if-force');
    for (const args of [['install', 'f', chart, '--force-replace', '--force-conflicts'], ['install', 'f', chart, '--force', '--force-conflicts'], ['upgrade', '--install', 'f', chart, '--force-replace', '--force-conflicts']]) {
      const run = await same(ns, (tool) => [...args, '-n', ns[tool]]);
      assert.equal(run.helm.code, 1);
    }
    assert.deepEqual(await storedHistory(ns.hookline, 'f'), []);
  });

  test('--hide-notes, --render-subchart-notes', async () => {
    const ns = await twins('if-notes');
    const hidden = await same(ns, (tool) => ['install', 'n', chart, '-n', ns[tool], '--hide-notes']);
    assert.doesNotMatch(hidden.helm.stdout, /NOTES/);
    // helm joins the charts' notes in Go's map order: compare them as sets of lines.
    const sub = await runBothTools((tool) => ['upgrade', 'n', chart, '-n', ns[tool], '--render-subchart-notes']);
    const lines = (text: string, namespace: string) => comparable(text, namespace).split('\n').sort();
    assert.equal(sub.hookline.code, 0, sub.hookline.stderr);
    assert.deepEqual(lines(sub.hookline.stdout, ns.hookline), lines(sub.helm.stdout, ns.helm));
    assert.match(sub.helm.stdout, /Sub notes\./);
    const notesAsSet = (history: Awaited<ReturnType<typeof storedHistory>>) => history.map((r) => ({ ...r, notes: r.notes.split('\n').sort() }));
    assert.deepEqual(notesAsSet(await storedHistory(ns.hookline, 'n')), notesAsSet(await storedHistory(ns.helm, 'n')));
  });

  test('--hide-secret: refused without a dry run, hides the Secret from a dry run\'s manifest', async () => {
    const ns = await twins('if-secret');
    const refused = await same(ns, (tool) => ['install', 's', chart, '-n', ns[tool], '--hide-secret']);
    assert.equal(refused.helm.code, 1);
    // helm's install logs the refusal before the error; Hookline prints nothing else before an action starts.
    assert.equal(refused.hookline.stderr, refused.helm.stderr);
    const dry = await same(ns, (tool) => ['install', 's', chart, '-n', ns[tool], '--hide-secret', '--dry-run=client']);
    assert.doesNotMatch(dry.helm.stdout, /hunter2/);
    assert.match(dry.helm.stdout, /s-cm/);
  });

  test('--skip-schema-validation lets a value the schema refuses through', async () => {
    const ns = await twins('if-schema');
    const refused = await same(ns, (tool) => ['install', 'v', chart, '-n', ns[tool], '--set', 'port=high']);
    assert.equal(refused.helm.code, 1);
    await same(ns, (tool) => ['install', 'v', chart, '-n', ns[tool], '--set', 'port=high', '--skip-schema-validation']);
    assert.deepEqual(await storedHistory(ns.hookline, 'v'), await storedHistory(ns.helm, 'v'));
  });

  test('--take-ownership adopts an object no release owns', async () => {
    const ns = await twins('if-own');
    for (const tool of ['helm', 'hookline'] as const) {
      await testClient().request('POST', `/api/v1/namespaces/${ns[tool]}/configmaps`, { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'o-cm' }, data: { port: '8080', kept: 'yes' } } });
    }
    const refused = await same(ns, (tool) => ['install', 'o', chart, '-n', ns[tool]]);
    assert.equal(refused.helm.code, 1);
    assert.match(errorLine(refused.hookline.stderr), /^Error: INSTALLATION FAILED: unable to continue with install: ConfigMap "o-cm" .* exists and cannot be imported/);
    await same(ns, (tool) => ['install', 'o', chart, '-n', ns[tool], '--take-ownership']);
    const adopted = await testClient().request('GET', `/api/v1/namespaces/${ns.hookline}/configmaps/o-cm`);
    assert.equal(adopted.metadata.annotations['meta.helm.sh/release-name'], 'o');
    assert.equal(adopted.data.kept, 'yes');
    assert.deepEqual(await storedHistory(ns.hookline, 'o'), await storedHistory(ns.helm, 'o'));
  });

  test('upgrade: --skip-schema-validation, --hide-notes, --dependency-update as on install', async () => {
    const ns = await twins('if-upgrade');
    await same(ns, (tool) => ['install', 'u', chart, '-n', ns[tool]]);
    const refused = await same(ns, (tool) => ['upgrade', 'u', chart, '-n', ns[tool], '--set', 'port=high']);
    assert.equal(refused.helm.code, 1);
    await same(ns, (tool) => ['upgrade', 'u', chart, '-n', ns[tool], '--set', 'port=high', '--skip-schema-validation']);
    const hidden = await same(ns, (tool) => ['upgrade', 'u', chart, '-n', ns[tool], '--hide-notes']);
    assert.doesNotMatch(hidden.helm.stdout, /NOTES/);
    assert.deepEqual(await storedHistory(ns.hookline, 'u'), await storedHistory(ns.helm, 'u'));
    // A release of the chart whose dependency is not in charts/ yet, installed from the complete
    // chart: upgrade --dependency-update fetches it first.
    const dirs = { helm: upgradeNeedsUpdate[0], hookline: upgradeNeedsUpdate[1] };
    await same(ns, (tool) => ['install', 'dep', join(dirs[tool], 'sub'), '-n', ns[tool]]);
    const missing = await same(ns, (tool) => ['upgrade', 'dep', join(dirs[tool], 'app'), '-n', ns[tool]]);
    assert.equal(missing.helm.code, 1);
    const updated = await same(ns, (tool) => ['upgrade', 'dep', join(dirs[tool], 'app'), '-n', ns[tool], '--dependency-update']);
    assert.equal(updated.helm.code, 0);
    assert.deepEqual(await storedHistory(ns.hookline, 'dep'), await storedHistory(ns.helm, 'dep'));
  });

  test('--dependency-update fetches the missing dependency, then installs', async () => {
    const ns = await twins('if-depup');
    const dirs = { helm: needsUpdate[0], hookline: needsUpdate[1] };
    const run = await same(ns, (tool) => ['install', 'd', join(dirs[tool], 'app'), '-n', ns[tool], '--dependency-update']);
    assert.match(run.helm.stdout, /^Saving 1 charts$/m);
    assert.ok(existsSync(join(dirs.hookline, 'app', 'charts', 'sub-0.1.0.tgz')));
    assert.deepEqual(await storedHistory(ns.hookline, 'd'), await storedHistory(ns.helm, 'd'));
  });
});
