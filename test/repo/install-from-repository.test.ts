// Interop on the test cluster: `helm repo add` sets up a repository (a real static server over
// charts helm packaged and indexed), Hookline installs REPO/CHART with a version range from it,
// the stored manifest is what helm renders, and helm upgrades that release from the same repo.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshNamespace, testClient, testKubeconfig } from '../support/cluster.ts';
import { helm, helmHomes, helmSync, hookline, serveFolder, tempDir, type Run, type StaticServer } from './repo-harness.ts';

let server: StaticServer;
let homes: NodeJS.ProcessEnv;

function ok(r: Run, what: string): Run {
  assert.equal(r.code, 0, `${what}: ${r.stderr}`);
  return r;
}

before(async () => {
  const src = join(tempDir('repo-app'), 'repo-app');
  mkdirSync(join(src, 'templates'), { recursive: true });
  writeFileSync(join(src, 'Chart.yaml'), 'apiVersion: v2\nname: repo-app\nversion: 1.0.0\n');
  writeFileSync(join(src, 'values.yaml'), 'greeting: hello\n');
  writeFileSync(join(src, 'templates', 'cm.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-app\ndata:\n  version: {{ .Chart.Version | quote }}\n  greeting: {{ .Values.greeting | quote }}\n');
  const dir = tempDir('served');
  for (const v of ['1.0.0', '1.1.0', '2.0.0-beta.1']) helmSync(['package', src, '--version', v, '-d', dir]);
  helmSync(['repo', 'index', dir]);
  server = await serveFolder(dir);
  homes = { ...helmHomes(tempDir('shared')), KUBECONFIG: testKubeconfig() };
  ok(await helm(['repo', 'add', 'apps', server.url], homes), 'helm repo add');
});
after(() => server.close());

describe('install from a repository helm added', () => {
  test('Hookline installs apps/repo-app ^1.0.0; helm reads the release and upgrades it from the repo', async () => {
    const client = testClient();
    const ns = await freshNamespace(client, 'repo-install');
    const kube = ['--kubeconfig', testKubeconfig(), '-n', ns];
    ok(await hookline(['install', 'web', 'apps/repo-app', '--version', '^1.0.0', '--set', 'greeting=hi', ...kube], homes), 'hookline install');
    const cm = await client.request('GET', `/api/v1/namespaces/${ns}/configmaps/web-app`) as { data: Record<string, string> };
    assert.deepEqual(cm.data, { version: '1.1.0', greeting: 'hi' });

    const manifest = ok(await helm(['get', 'manifest', 'web', '-n', ns], homes), 'helm get manifest').stdout;
    const rendered = ok(await helm(['template', 'web', 'apps/repo-app', '--version', '^1.0.0', '--set', 'greeting=hi', '-n', ns], homes), 'helm template').stdout;
    // get manifest prints the stored manifest and a newline.
    assert.equal(manifest, `${rendered}\n`);

    ok(await helm(['upgrade', 'web', 'apps/repo-app', '--version', '1.0.0', '--reuse-values', '-n', ns], homes), 'helm upgrade');
    const history = JSON.parse(ok(await hookline(['history', 'web', '-o', 'json', ...kube], homes), 'hookline history').stdout) as Array<{ revision: number; chart: string }>;
    assert.deepEqual(history.map((h) => [h.revision, h.chart]), [[1, 'repo-app-1.1.0'], [2, 'repo-app-1.0.0']]);

    ok(await hookline(['upgrade', 'web', 'repo-app', '--repo', server.url, '--devel', '--reuse-values', ...kube], homes), 'hookline upgrade --devel');
    const upgraded = await client.request('GET', `/api/v1/namespaces/${ns}/configmaps/web-app`) as { data: Record<string, string> };
    assert.deepEqual(upgraded.data, { version: '2.0.0-beta.1', greeting: 'hi' });
  });
});
