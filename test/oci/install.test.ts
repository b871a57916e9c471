// install and upgrade from oci:// references on the shared cluster, side by side with helm v4:
// the same chart versions picked (--version exact and range) and the same objects deployed.
// Each tool's login is kept by a credential helper (credsStore), which both must ask.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshNamespace, testClient, testKubeconfig } from '../support/cluster.ts';
import { dropNamespace } from '../support/lifecycle-harness.ts';
import { startRegistry, type TestRegistry } from '../support/registry.ts';
import { loggedInHomes, ok, packagedChart, type Tool } from './tools.ts';

let registry: TestRegistry;
let tls: string[];
let homes: Record<Tool, NodeJS.ProcessEnv>;
const namespaces = {} as Record<Tool, string>;

before(async () => {
  registry = await startRegistry();
  tls = ['--ca-file', registry.caFile!];
  homes = loggedInHomes(registry, { throughHelper: true });
  for (const tool of ['helm', 'hookline'] as const) namespaces[tool] = await freshNamespace(testClient(), `oci-${tool}`);
  for (const version of ['0.1.0', '0.2.0', '0.2.1']) {
    ok('hookline', ['push', packagedChart(join(registry.workDir, `c-${version}`), 'webapp', version), `oci://${registry.host}/apps`, ...tls], homes.hookline);
  }
});

after(async () => {
  await Promise.all(Object.values(namespaces).map((ns) => dropNamespace(testClient(), ns)));
  await registry.stop();
});

const kube = ['--kubeconfig', testKubeconfig()];
const chart = () => `oci://${registry.host}/apps/webapp`;

async function deployedVersion(namespace: string): Promise<string> {
  const cm = await testClient().request<{ data: Record<string, string> }>('GET', `/api/v1/namespaces/${namespace}/configmaps/shop-webapp`);
  return cm.data.version;
}

describe('install and upgrade from a registry', () => {
  test('install --version 0.1.0, then upgrade --version ~0.2: same picks, same manifests as helm', async () => {
    for (const tool of ['helm', 'hookline'] as const) {
      // The login is only in the helper: the registry config names it and holds nothing else.
      assert.equal(readFileSync(homes[tool].HELM_REGISTRY_CONFIG!, 'utf8'), '{"credsStore":"hltest"}');
      ok(tool, ['install', 'shop', chart(), '--version', '0.1.0', '-n', namespaces[tool], ...tls, ...kube], homes[tool]);
    }
    const manifest = (tool: Tool) => ok(tool, ['get', 'manifest', 'shop', '-n', namespaces[tool], ...kube], homes[tool]).stdout;
    assert.equal(manifest('hookline'), manifest('helm'));
    assert.equal(await deployedVersion(namespaces.hookline), '0.1.0');

    for (const tool of ['helm', 'hookline'] as const) {
      const upgraded = ok(tool, ['upgrade', 'shop', chart(), '--version', '~0.2', '-n', namespaces[tool], ...tls, ...kube], homes[tool]);
      assert.match(upgraded.stderr, new RegExp(`Pulled: ${registry.host}/apps/webapp:0.2.1`));
    }
    assert.equal(manifest('hookline'), manifest('helm'));
    assert.equal(await deployedVersion(namespaces.hookline), '0.2.1');
    // Each tool reads the other's release of the pulled chart.
    const history = (tool: Tool, ns: string) => (JSON.parse(ok(tool, ['history', 'shop', '-n', ns, '-o', 'json', ...kube], homes[tool]).stdout) as Array<{ chart: string }>).map((r) => r.chart);
    assert.deepEqual(history('helm', namespaces.hookline), ['webapp-0.1.0', 'webapp-0.2.1']);
    assert.deepEqual(history('hookline', namespaces.helm), ['webapp-0.1.0', 'webapp-0.2.1']);
  });
});
