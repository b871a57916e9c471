// helm's global flags at any position and their HELM_* variables, --debug, --color/NO_COLOR and
// --quiet, each compared with helm v4 on the test cluster (same stdout, same exit status).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { freshNamespace, testClient, testKubeconfig } from '../support/cluster.ts';
import { comparable, errorLine, runBothTools, runTool, storedHistory, writeChart, type Tool } from '../support/cli-differential.ts';
import { dropNamespace } from '../support/lifecycle-harness.ts';

const chart = writeChart({
  'Chart.yaml': 'apiVersion: v2\nname: globals\nversion: 0.2.0\n',
  'values.yaml': 'greeting: hello\nnested:\n  b: 2\n  a: 1\n',
  'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  greeting: {{ .Values.greeting | quote }}\n',
  'templates/hook.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-hook\n  annotations:\n    helm.sh/hook: pre-install,pre-upgrade\n',
  'templates/NOTES.txt': 'Hello from {{ .Release.Name }}.\n',
});
const badYaml = writeChart({
  'Chart.yaml': 'apiVersion: v2\nname: bad\nversion: 0.1.0\n',
  'templates/a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n',
  'templates/b.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n data: [\n',
});

const ns = { helm: '', hookline: '' } as Record<Tool, string>;
/** A kubeconfig whose current context points at nothing; the real one is named "real". */
let twoContexts = '';
/** The test cluster's kubeconfig with a wrong server and no CA. */
let wrongServer = '';
let server = '';

before(async () => {
  ns.helm = await freshNamespace(testClient(), 'gf-h');
  ns.hookline = await freshNamespace(testClient(), 'gf-k');
  const config = parse(readFileSync(testKubeconfig(), 'utf8'));
  server = config.clusters[0].cluster.server;
  twoContexts = join(chart, 'two-contexts.yaml');
  writeFileSync(twoContexts, stringify({
    ...config,
    clusters: [...config.clusters, { name: 'nowhere', cluster: { server: 'https://127.0.0.1:1' } }],
    contexts: [{ ...config.contexts[0], name: 'real' }, { name: 'broken', context: { cluster: 'nowhere', user: config.users[0].name } }],
    'current-context': 'broken',
  }));
  wrongServer = join(chart, 'wrong-server.yaml');
  const { 'certificate-authority-data': _, ...noCa } = config.clusters[0].cluster;
  writeFileSync(wrongServer, stringify({ ...config, clusters: [{ name: config.clusters[0].name, cluster: { ...noCa, server: 'https://127.0.0.1:1' } }] }));
  const installed = await runBothTools((tool) => ['install', 'gf', chart, '-n', ns[tool]]);
  assert.equal(installed.hookline.code, 0, installed.hookline.stderr);
});

after(async () => {
  for (const dir of [chart, badYaml]) rmSync(dir, { recursive: true, force: true });
  await Promise.all(Object.values(ns).map((n) => dropNamespace(testClient(), n)));
});

/** Both tools, the same stdout (namespace and times normalised) and exit status. */
async function same(args: (tool: Tool) => string[], options: Parameters<typeof runBothTools>[1] = {}) {
  const run = await runBothTools(args, options);
  assert.equal(run.hookline.code, run.helm.code, `hookline: ${run.hookline.stderr}\nhelm: ${run.helm.stderr}`);
  assert.equal(comparable(run.hookline.stdout, ns.hookline), comparable(run.helm.stdout, ns.helm));
  return run;
}

// One at a time: the tests share one release per tool.
describe('global flags anywhere, and their environment variables', { concurrency: 1 }, () => {
  test('-n before the command', async () => {
    const run = await same((tool) => ['-n', ns[tool], 'history', 'gf']);
    assert.match(run.helm.stdout, /Install complete/);
  });

  test('--kubeconfig and --namespace=NS before the command', async () => {
    await same((tool) => ['--kubeconfig', testKubeconfig(), `--namespace=${ns[tool]}`, 'status', 'gf'], { noKubeconfig: true });
  });

  test('HELM_NAMESPACE', async () => {
    const [helm, ours] = await Promise.all((['helm', 'hookline'] as const).map((tool) => runTool(tool, ['get', 'values', 'gf', '--all'], { env: { HELM_NAMESPACE: ns[tool] } })));
    assert.equal(ours.code, 0, ours.stderr);
    assert.equal(ours.stdout, helm.stdout);
  });

  test('--kube-context and HELM_KUBECONTEXT pick a context that is not the current one', async () => {
    await same((tool) => ['--kube-context', 'real', 'list', '-n', ns[tool], '--kubeconfig', twoContexts], { noKubeconfig: true });
    const [helm, ours] = await Promise.all((['helm', 'hookline'] as const).map((tool) =>
      runTool(tool, ['list', '-n', ns[tool], '--kubeconfig', twoContexts], { noKubeconfig: true, env: { HELM_KUBECONTEXT: 'real' } })));
    assert.equal(ours.code, 0, ours.stderr);
    assert.equal(comparable(ours.stdout, ns.hookline), comparable(helm.stdout, ns.helm));
  });

  test('--kube-apiserver with --kube-insecure-skip-tls-verify overrides the kubeconfig\'s server', async () => {
    await same((tool) => ['list', '-n', ns[tool], '--kubeconfig', wrongServer, '--kube-apiserver', server, '--kube-insecure-skip-tls-verify'], { noKubeconfig: true });
    const [helm, ours] = await Promise.all((['helm', 'hookline'] as const).map((tool) =>
      runTool(tool, ['list', '-n', ns[tool], '--kubeconfig', wrongServer], { noKubeconfig: true, env: { HELM_KUBEAPISERVER: server, HELM_KUBEINSECURE_SKIP_TLS_VERIFY: 'true' } })));
    assert.equal(ours.code, 0, ours.stderr);
    assert.equal(comparable(ours.stdout, ns.hookline), comparable(helm.stdout, ns.helm));
  });

  test('--kube-as-user impersonates: a user without rights is refused by both', async () => {
    const run = await runBothTools((tool) => ['list', '-n', ns[tool], '--kube-as-user', 'nobody-at-all']);
    assert.equal(run.helm.code, 1);
    assert.equal(run.hookline.code, 1);
    assert.match(run.hookline.stderr, /forbidden: User "nobody-at-all" cannot list/);
  });

  test('--burst-limit and --qps are parsed as helm parses them', async () => {
    await same((tool) => ['list', '-n', ns[tool], '--burst-limit', '50', '--qps', '12.5']);
    const bad = await runBothTools((tool) => ['list', '-n', ns[tool], '--burst-limit', 'many']);
    assert.equal(bad.hookline.code, 1);
    assert.equal(errorLine(bad.hookline.stderr), errorLine(bad.helm.stderr));
  });

  test('--debug on upgrade prints values, hooks and manifest as helm', async () => {
    const run = await same((tool) => ['upgrade', 'gf', chart, '-n', ns[tool], '--debug', '--set', 'greeting=debugged']);
    assert.match(run.helm.stdout, /^COMPUTED VALUES:$/m);
    assert.deepEqual(await storedHistory(ns.hookline, 'gf'), await storedHistory(ns.helm, 'gf'));
  });

  test('HELM_DEBUG=true on status changes nothing, as in helm', async () => {
    await same((tool) => ['status', 'gf', '-n', ns[tool]], { env: { HELM_DEBUG: 'true' } });
  });

  test('template --debug prints invalid YAML and fails without the hint', async () => {
    const run = await runBothTools(() => ['template', badYaml, '--debug'], { noKubeconfig: true });
    assert.equal(run.helm.code, 1);
    assert.equal(run.hookline.code, 1);
    // helm lists the files in map order: compare them as a set.
    const files = (text: string) => text.split(/^(?=---\n)/m).map((f) => f.trim()).sort();
    assert.deepEqual(files(run.hookline.stdout), files(run.helm.stdout));
    assert.equal(errorLine(run.hookline.stderr), errorLine(run.helm.stderr));
    // Without it, helm's error and its hint at the --debug flag, which exists here too.
    const plain = await runBothTools(() => ['template', badYaml], { noKubeconfig: true });
    assert.equal(plain.hookline.code, plain.helm.code);
    assert.match(plain.helm.stderr, /^Use --debug flag to render out invalid YAML$/m);
    const hintAndError = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('Error: ') || l.includes('--debug'));
    assert.deepEqual(hintAndError(plain.hookline.stderr), hintAndError(plain.helm.stderr));
  });

  test('--color always colours status and list as helm; NO_COLOR turns it off', async () => {
    await same((tool) => ['list', '-n', ns[tool], '--color', 'always']);
    await same((tool) => ['history', 'gf', '-n', ns[tool], '--colour=always']);
    const run = await same((tool) => ['list', '-n', ns[tool], '--color', 'always'], { env: { NO_COLOR: '1' } });
    assert.doesNotMatch(run.hookline.stdout, /\x1b\[/);
    // helm logs this one as a warning line; Hookline as an error naming the values: both exit 1.
    const bad = await runBothTools((tool) => ['list', '-n', ns[tool], '--color', 'sometimes']);
    assert.equal(bad.helm.code, 1);
    assert.equal(bad.hookline.code, 1);
    assert.match(bad.helm.stderr, /invalid color mode \\"sometimes\\": must be one of: never, auto, always/);
    assert.match(errorLine(bad.hookline.stderr), /invalid color mode "sometimes": must be one of: never, auto, always/);
  });

  test('--quiet: an action writes helm\'s stdout and nothing on stderr', async () => {
    const run = await runBothTools((tool) => ['install', 'quiet', chart, '-n', ns[tool], ...(tool === 'hookline' ? ['--quiet'] : [])]);
    assert.equal(run.hookline.code, 0, run.hookline.stderr);
    assert.equal(run.hookline.stderr, '');
    assert.equal(comparable(run.hookline.stdout, ns.hookline), comparable(run.helm.stdout, ns.helm));
    assert.deepEqual(await storedHistory(ns.hookline, 'quiet'), await storedHistory(ns.helm, 'quiet'));
  });

  test('a stderr that is not a terminal gets one plain line per step: no colours, no redrawing', async () => {
    const run = await runBothTools((tool) => ['upgrade', 'quiet', chart, '-n', ns[tool], '--set', 'greeting=plain']);
    assert.equal(run.hookline.code, 0, run.hookline.stderr);
    assert.equal(comparable(run.hookline.stdout, ns.hookline), comparable(run.helm.stdout, ns.helm));
    assert.doesNotMatch(run.hookline.stderr, /\x1b\[|\r/);
    const steps = run.hookline.stderr.split('\n').filter((l) => /^\[ *\d+\.\ds\] /.test(l));
    assert.ok(steps.length >= 4 && steps.length < 20, run.hookline.stderr);
    assert.ok(steps.some((l) => /pre-upgrade hooks: ConfigMap\/quiet-hook/.test(l)), run.hookline.stderr);
  });
});
