// install and upgrade --install through the CLI, each compared with helm v4 doing the same in
// a twin namespace: --create-namespace (the namespace exists before the release lock), the
// release-name and argument checks, --history-max parsing, upgrade --install's message and
// the dry-run output with HOOKS and MANIFEST; every command's release-name message.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { freshNamespace, testClient } from '../support/cluster.ts';
import { comparable, errorLine, runBothTools, storedHistory, writeChart, type RunOptions, type Tool } from '../support/cli-differential.ts';
import { dropNamespace } from '../support/lifecycle-harness.ts';

const chart = writeChart({
  'Chart.yaml': 'apiVersion: v2\nname: args\nversion: 0.1.0\n',
  'values.yaml': 'greeting: hello\n',
  'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  greeting: {{ .Values.greeting | quote }}\n',
  'templates/hook.yaml': [
    'apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: {{ .Release.Name }}-hook', '  annotations:',
    '    helm.sh/hook: pre-install,pre-upgrade', 'data:', '  ns: {{ .Release.Namespace }}', '',
  ].join('\n'),
  'templates/NOTES.txt': '\n  Installed {{ .Release.Name }}.\n',
});

const namespaces: string[] = [];
after(async () => {
  rmSync(chart, { recursive: true, force: true });
  await Promise.all(namespaces.map((ns) => dropNamespace(testClient(), ns)));
});

/** Names for namespaces that do not exist yet, one per tool. */
function newNamespaces(prefix: string): Record<Tool, string> {
  const suffix = randomBytes(3).toString('hex');
  const names = { helm: `${prefix}-h-${suffix}`, hookline: `${prefix}-k-${suffix}` };
  namespaces.push(names.helm, names.hookline);
  return names;
}

async function twinNamespaces(prefix: string): Promise<Record<Tool, string>> {
  const names = { helm: await freshNamespace(testClient(), `${prefix}-h`), hookline: await freshNamespace(testClient(), `${prefix}-k`) };
  namespaces.push(names.helm, names.hookline);
  return names;
}

describe('install arguments as helm reads them', { concurrency: 4 }, () => {
  test('install -n NEW --create-namespace creates the namespace, then installs, as helm', async () => {
    const ns = newNamespaces('ia-create');
    const run = await runBothTools((tool) => ['install', 'made', chart, '-n', ns[tool], '--create-namespace']);
    assert.equal(run.hookline.code, 0, run.hookline.stderr);
    assert.equal(run.helm.code, 0, run.helm.stderr);
    assert.equal(comparable(run.hookline.stdout, ns.hookline), comparable(run.helm.stdout, ns.helm));
    const [helmNs, ourNs] = await Promise.all([ns.helm, ns.hookline].map((n) => testClient().request('GET', `/api/v1/namespaces/${n}`)));
    assert.equal(ourNs.metadata.labels.name, ns.hookline);
    assert.equal(helmNs.metadata.labels.name, ns.helm);
    assert.deepEqual(await storedHistory(ns.hookline, 'made'), await storedHistory(ns.helm, 'made'));
  });

  test('upgrade --install -n NEW --create-namespace: "does not exist. Installing it now.", then a real upgrade', async () => {
    const ns = newNamespaces('ia-upinst');
    for (const set of ['greeting=first', 'greeting=second']) {
      const run = await runBothTools((tool) => ['upgrade', '--install', 'up', chart, '-n', ns[tool], '--create-namespace', '--set', set]);
      assert.equal(run.hookline.code, 0, run.hookline.stderr);
      assert.equal(run.helm.code, 0, run.helm.stderr);
      assert.equal(comparable(run.hookline.stdout, ns.hookline), comparable(run.helm.stdout, ns.helm));
    }
    assert.deepEqual(await storedHistory(ns.hookline, 'up'), await storedHistory(ns.helm, 'up'));
  });

  test('install into a missing namespace without --create-namespace fails as helm and creates nothing', async () => {
    const ns = newNamespaces('ia-missing');
    const run = await runBothTools((tool) => ['install', 'nowhere', chart, '-n', ns[tool]]);
    assert.equal(run.helm.code, 1);
    assert.equal(run.hookline.code, 1);
    assert.equal(comparable(errorLine(run.hookline.stderr), ns.hookline), comparable(errorLine(run.helm.stderr), ns.helm));
    await assert.rejects(testClient().request('GET', `/api/v1/namespaces/${ns.hookline}`), /not found/);
  });

  const refused: Array<[string, (chart: string) => string[], RunOptions?]> = [
    ['an upper-case release name', (c) => ['install', 'UPPER', c]],
    ['a release name with an underscore', (c) => ['install', 'bad_name', c]],
    ['upgrade of an invalid name', (c) => ['upgrade', 'Bad', c]],
    ['upgrade --install of an invalid name', (c) => ['upgrade', '--install', 'Bad', c]],
    ['--history-max that is not a number', (c) => ['upgrade', 'x', c, '--history-max', 'abc']],
    ['rollback of an invalid name', () => ['rollback', 'UPPER']],
    ['uninstall of an invalid name', () => ['uninstall', 'UPPER']],
    ['test of an invalid name', () => ['test', 'UPPER']],
    ['status of an invalid name', () => ['status', 'UPPER']],
    ['history of an invalid name', () => ['history', 'Bad_Name']],
    ['get values of an invalid name', () => ['get', 'values', 'UPPER']],
    ['install NAME CHART -g', (c) => ['install', 'named', c, '-g']],
    ['install with no arguments', () => ['install', '-g']],
    ['install with one argument and no -g', (c) => ['install', c]],
    ['install with three arguments', (c) => ['install', 'a', c, 'extra']],
    ['template -g with no chart', () => ['template', '-g'], { noKubeconfig: true }],
    ['template NAME CHART -g', (c) => ['template', 'named', c, '-g'], { noKubeconfig: true }],
  ];
  for (const [what, args, options] of refused) {
    test(`refused as helm refuses it: ${what}`, async () => {
      const ns = await twinNamespaces('ia-refused');
      const run = await runBothTools((tool) => [...args(chart), '-n', ns[tool]], options);
      assert.equal(run.helm.code, 1, run.helm.stdout);
      assert.equal(run.hookline.code, run.helm.code);
      assert.equal(run.hookline.stdout, run.helm.stdout);
      assert.equal(comparable(errorLine(run.hookline.stderr)), comparable(errorLine(run.helm.stderr)));
      assert.deepEqual(await storedHistory(ns.hookline, 'x'), []);
    });
  }

  for (const mode of ['client', 'server']) {
    test(`install --dry-run=${mode} prints HOOKS and MANIFEST and stores nothing, as helm`, async () => {
      const ns = await twinNamespaces(`ia-dry-${mode}`);
      const run = await runBothTools((tool) => ['install', 'dry', chart, '-n', ns[tool], `--dry-run=${mode}`]);
      assert.equal(run.hookline.code, 0, run.hookline.stderr);
      assert.match(run.helm.stdout, /^HOOKS:$/m);
      assert.equal(comparable(run.hookline.stdout, ns.hookline), comparable(run.helm.stdout, ns.helm));
      assert.deepEqual(await storedHistory(ns.hookline, 'dry'), []);
    });
  }

  test('install of a name in use is refused before the chart renders; --replace takes an uninstalled one, as helm', async () => {
    const ns = await twinNamespaces('ia-in-use');
    const installed = await runBothTools((tool) => ['install', 'used', chart, '-n', ns[tool]]);
    assert.equal(installed.hookline.code, 0, installed.hookline.stderr);
    const broken = writeChart({ 'Chart.yaml': 'apiVersion: v2\nname: broken\nversion: 0.1.0\n', 'templates/x.yaml': '{{ fail "not rendered" }}\n' });
    try {
      for (const target of [chart, broken]) {
        const again = await runBothTools((tool) => ['install', 'used', target, '-n', ns[tool]]);
        assert.equal(again.helm.code, 1);
        assert.equal(again.hookline.code, 1);
        assert.equal(errorLine(again.hookline.stderr), errorLine(again.helm.stderr));
        assert.match(errorLine(again.helm.stderr), /release name check failed: cannot reuse a name that is still in use$/);
      }
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
    for (const step of [['uninstall', 'used', '--keep-history'], ['install', 'used', chart, '--replace', '--set', 'greeting=again']]) {
      const run = await runBothTools((tool) => [...step, '-n', ns[tool]]);
      assert.equal(run.hookline.code, run.helm.code, run.hookline.stderr);
      assert.equal(comparable(run.hookline.stdout, ns.hookline), comparable(run.helm.stdout, ns.helm));
    }
    assert.deepEqual(await storedHistory(ns.hookline, 'used'), await storedHistory(ns.helm, 'used'));
  });

  test('install --dry-run=server: a name in use is no obstacle, an object no release owns is, as helm', async () => {
    const ns = await twinNamespaces('ia-dry-owner');
    const installed = await runBothTools((tool) => ['install', 'used', chart, '-n', ns[tool]]);
    assert.equal(installed.hookline.code, 0, installed.hookline.stderr);
    const again = await runBothTools((tool) => ['install', 'used', chart, '-n', ns[tool], '--dry-run=server']);
    assert.equal(again.helm.code, 0, again.helm.stderr);
    assert.equal(again.hookline.code, 0, again.hookline.stderr);
    assert.equal(comparable(again.hookline.stdout, ns.hookline), comparable(again.helm.stdout, ns.helm));
    for (const tool of ['helm', 'hookline'] as const) {
      await testClient().request('POST', `/api/v1/namespaces/${ns[tool]}/configmaps`, { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'taken-cm' } } });
    }
    const refused = await runBothTools((tool) => ['install', 'taken', chart, '-n', ns[tool], '--dry-run=server']);
    assert.equal(refused.helm.code, 1);
    assert.equal(refused.hookline.code, 1);
    assert.equal(refused.hookline.stdout, refused.helm.stdout);
    assert.match(errorLine(refused.helm.stderr), /^Error: INSTALLATION FAILED: unable to continue with install: ConfigMap "taken-cm" .* exists and cannot be imported/);
    assert.equal(comparable(errorLine(refused.hookline.stderr), ns.hookline), comparable(errorLine(refused.helm.stderr), ns.helm));
    assert.deepEqual(await storedHistory(ns.hookline, 'used'), await storedHistory(ns.helm, 'used'));
    assert.deepEqual(await storedHistory(ns.hookline, 'taken'), []);
  });

  test('upgrade --dry-run of an installed release prints HOOKS and MANIFEST, as helm', async () => {
    const ns = await twinNamespaces('ia-dry-up');
    const installed = await runBothTools((tool) => ['install', 'dry', chart, '-n', ns[tool]]);
    assert.equal(installed.hookline.code, 0, installed.hookline.stderr);
    const run = await runBothTools((tool) => ['upgrade', 'dry', chart, '-n', ns[tool], '--dry-run', '--set', 'greeting=next']);
    assert.equal(run.hookline.code, run.helm.code, run.hookline.stderr);
    assert.equal(comparable(run.hookline.stdout, ns.hookline), comparable(run.helm.stdout, ns.helm));
    assert.deepEqual(await storedHistory(ns.hookline, 'dry'), await storedHistory(ns.helm, 'dry'));
  });
});
