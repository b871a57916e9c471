// loadKubeConfig compared with kubectl 1.35 (`kubectl config view --minify --raw`), which
// resolves the same files, KUBECONFIG lists, contexts and relative paths.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadKubeConfig, KubeConfigError } from '../../src/kube/config.ts';
import { referenceTool } from '../support/reference-tools.ts';

const kubectl = referenceTool('kubectl');
const dir = mkdtempSync(join(tmpdir(), 'hookline-kubeconfig-'));

function write(name: string, config: object): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, stringify(config));
  return path;
}

/** What kubectl resolves for the same input (--flatten inlines files, resolving relative paths). */
function kubectlView(env: { KUBECONFIG?: string }, args: string[]) {
  const out = execFileSync(kubectl, ['config', 'view', '--minify', '--flatten', '-o', 'json', ...args], { env: { PATH: process.env.PATH, HOME: dir, ...env } }).toString();
  const view = JSON.parse(out);
  const cluster = view.clusters[0].cluster;
  const user = view.users[0]?.user ?? {};
  const data = (value?: string) => value === undefined ? undefined : Buffer.from(value, 'base64');
  return {
    server: cluster.server as string,
    namespace: (view.contexts[0].context.namespace ?? 'default') as string,
    contextName: view['current-context'] as string,
    ca: data(cluster['certificate-authority-data']),
    cert: data(user['client-certificate-data']),
    token: user.token as string | undefined,
  };
}

function ours(options: { kubeconfig?: string; context?: string }, env: { KUBECONFIG?: string }) {
  const saved = process.env.KUBECONFIG;
  if (env.KUBECONFIG === undefined) delete process.env.KUBECONFIG; else process.env.KUBECONFIG = env.KUBECONFIG;
  try {
    const c = loadKubeConfig(options);
    return { server: c.server, namespace: c.namespace, contextName: c.contextName, ca: c.ca, cert: c.cert, token: c.token };
  } finally {
    if (saved === undefined) delete process.env.KUBECONFIG; else process.env.KUBECONFIG = saved;
  }
}

const caBytes = Buffer.from('-----BEGIN CERTIFICATE-----\nfirst-ca\n-----END CERTIFICATE-----\n');
writeFileSync(join(dir, 'ca-first.crt'), caBytes);
mkdirSync(join(dir, 'second'), { recursive: true });
writeFileSync(join(dir, 'second', 'client.crt'), 'second-client-cert');

const first = write('first.yaml', {
  apiVersion: 'v1', kind: 'Config', 'current-context': 'alpha',
  clusters: [{ name: 'shared', cluster: { server: 'https://first.example:6443', 'certificate-authority': 'ca-first.crt' } }],
  users: [{ name: 'alice', user: { token: 'first-token' } }],
  contexts: [{ name: 'alpha', context: { cluster: 'shared', user: 'alice', namespace: 'team-a' } }],
});
const second = write('second/second.yaml', {
  apiVersion: 'v1', kind: 'Config', 'current-context': 'beta',
  clusters: [
    { name: 'shared', cluster: { server: 'https://second.example:6443' } },
    { name: 'other', cluster: { server: 'https://other.example', 'certificate-authority-data': Buffer.from('other-ca').toString('base64') } },
  ],
  users: [{ name: 'alice', user: { token: 'second-token' } }, { name: 'bob', user: { 'client-certificate': 'client.crt', 'client-key-data': Buffer.from('k').toString('base64') } }],
  contexts: [{ name: 'beta', context: { cluster: 'other', user: 'bob' } }, { name: 'alpha', context: { cluster: 'other', user: 'bob' } }],
});

describe('loadKubeConfig agrees with kubectl', () => {
  const cases: Array<{ title: string; options: { kubeconfig?: string; context?: string }; env: { KUBECONFIG?: string }; args: string[] }> = [
    { title: 'one explicit file', options: { kubeconfig: first }, env: {}, args: ['--kubeconfig', first] },
    { title: 'KUBECONFIG list: first current-context and first definition of each name win', options: {}, env: { KUBECONFIG: `${first}:${second}` }, args: [] },
    { title: 'KUBECONFIG list in the other order', options: {}, env: { KUBECONFIG: `${second}:${first}` }, args: [] },
    { title: 'context chosen by flag, relative file paths resolved against the defining file', options: { context: 'beta' }, env: { KUBECONFIG: `${first}:${second}` }, args: ['--context', 'beta'] },
    { title: 'missing files in the list are skipped', options: {}, env: { KUBECONFIG: `${join(dir, 'absent.yaml')}:${second}` }, args: [] },
  ];
  for (const c of cases) {
    test(c.title, () => {
      assert.deepEqual(ours(c.options, c.env), kubectlView(c.env, c.args));
    });
  }
});

describe('loadKubeConfig errors name what is wrong', () => {
  test('an explicit file that does not exist', () => {
    const missing = join(dir, 'nope.yaml');
    assert.throws(() => execFileSync(kubectl, ['get', 'namespaces', '--kubeconfig', missing], { stdio: 'pipe' }), /no such file or directory/);
    assert.throws(() => loadKubeConfig({ kubeconfig: missing }), (err: Error) => err instanceof KubeConfigError && err.message.includes(missing) && err.message.includes('hookline local up'));
  });

  test('an unknown context', () => {
    assert.throws(() => execFileSync(kubectl, ['config', 'view', '--minify', '--kubeconfig', first, '--context', 'gamma'], { stdio: 'pipe' }));
    assert.throws(() => loadKubeConfig({ kubeconfig: first, context: 'gamma' }), /context "gamma" not found in .*first\.yaml/);
  });

  test('a file that is not YAML', () => {
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'clusters: [unclosed\n');
    assert.throws(() => loadKubeConfig({ kubeconfig: broken }), /kubeconfig .*broken\.yaml is not valid YAML/);
  });

  test('a client certificate without its key', () => {
    const half = write('half.yaml', {
      apiVersion: 'v1', kind: 'Config', 'current-context': 'c',
      clusters: [{ name: 'k', cluster: { server: 'https://k.example' } }],
      users: [{ name: 'u', user: { 'client-certificate-data': Buffer.from('cert').toString('base64') } }],
      contexts: [{ name: 'c', context: { cluster: 'k', user: 'u' } }],
    });
    assert.throws(() => loadKubeConfig({ kubeconfig: half }), /user "u" of context "c" has a client certificate without a key/);
  });
});

test('tokenFile is read relative to the kubeconfig that names it, as kubectl does', () => {
  writeFileSync(join(dir, 'second', 'token.txt'), 'file-token\n');
  const withTokenFile = write('second/token.yaml', {
    apiVersion: 'v1', kind: 'Config', 'current-context': 't',
    clusters: [{ name: 'k', cluster: { server: 'https://127.0.0.1:1' } }],
    users: [{ name: 'u', user: { tokenFile: 'token.txt' } }],
    contexts: [{ name: 't', context: { cluster: 'k', user: 'u' } }],
  });
  assert.equal(loadKubeConfig({ kubeconfig: withTokenFile }).token, 'file-token');
  // kubectl, run from elsewhere, finds the file too: it fails only on connecting, not on reading the token.
  const run = spawnSync(kubectl, ['get', 'namespaces', '--kubeconfig', withTokenFile], { cwd: tmpdir(), encoding: 'utf8' });
  assert.match(run.stderr, /connection refused/);
  assert.doesNotMatch(run.stderr, /token\.txt/);
});
