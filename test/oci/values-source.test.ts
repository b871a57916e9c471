// `-f oci://...` and `--set-file key=oci://...` side by side with helm v4.1.4, whose oci getter
// pulls the artifact's chart layer with the stored login and the system's TLS roots (the tests
// give helm the registry's CA by SSL_CERT_FILE, Node by NODE_EXTRA_CA_CERTS): a layer that is
// YAML gives values; a real chart's archive fails to parse, as in helm; a reference without a
// tag or digest fails in both.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { RegistryClient, sha256Digest } from '../../src/oci/client.ts';
import { startRegistry, type TestRegistry } from '../support/registry.ts';
import { loggedInHomes, ok, packagedChart, run, type Tool } from './tools.ts';

let registry: TestRegistry;
let homes: Record<Tool, NodeJS.ProcessEnv>;
let chartDir = '';
let valuesDigest = '';

before(async () => {
  registry = await startRegistry();
  homes = loggedInHomes(registry);
  for (const tool of ['helm', 'hookline'] as const) homes[tool] = { ...homes[tool], SSL_CERT_FILE: registry.caFile, NODE_EXTRA_CA_CERTS: registry.caFile };
  const archive = packagedChart(registry.workDir, 'valchart', '0.1.0');
  chartDir = join(registry.workDir, 'src', 'valchart-0.1.0');
  ok('hookline', ['push', archive, `oci://${registry.host}/charts`], homes.hookline);
  // An artifact with helm's config media type whose "chart" layer is a values file.
  const client = new RegistryClient(registry.host, { caFile: registry.caFile, username: registry.username, password: registry.password });
  const config = Buffer.from('{"name":"values","version":"1.0.0"}');
  const layer = Buffer.from('greeting: from-the-registry\nreplicas: 7\n');
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.cncf.helm.config.v1+json', digest: await client.pushBlob('shared/values', config), size: config.length },
    layers: [{ mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip', digest: await client.pushBlob('shared/values', layer), size: layer.length }],
  }));
  valuesDigest = await client.pushManifest('shared/values', '1.0.0', manifest, 'application/vnd.oci.image.manifest.v1+json');
  assert.equal(valuesDigest, sha256Digest(manifest));
});

after(() => registry.stop());

const both = (args: string[]) => ({ helm: run('helm', args, homes.helm), hookline: run('hookline', args, homes.hookline) });

describe('values from a registry', () => {
  for (const [what, source] of [['a tag', () => `oci://${registry.host}/shared/values:1.0.0`], ['a digest', () => `oci://${registry.host}/shared/values@${valuesDigest}`]] as const) {
    test(`-f oci://... by ${what}: the layer's values, as in helm`, () => {
      const { helm, hookline } = both(['template', 'x', chartDir, '-f', source()]);
      assert.equal(helm.code, 0, helm.stderr);
      assert.deepEqual(hookline, helm);
      assert.match(hookline.stdout, /greeting: "from-the-registry"/);
    });
  }

  test('--set-file key=oci://...: the layer as a string, as in helm', () => {
    const { helm, hookline } = both(['template', 'x', chartDir, '--set-file', `greeting=oci://${registry.host}/shared/values:1.0.0`]);
    assert.equal(helm.code, 0, helm.stderr);
    assert.deepEqual(hookline, helm);
  });

  test('-f with a real chart: its archive is not YAML, as helm finds', () => {
    const { helm, hookline } = both(['template', 'x', chartDir, '-f', `oci://${registry.host}/charts/valchart:0.1.0`]);
    assert.equal(helm.code, 1);
    assert.deepEqual(hookline, helm);
    assert.match(hookline.stderr, /control characters are not allowed/);
  });

  test('-f without a tag or digest fails in both; Hookline says what to add', () => {
    const { helm, hookline } = both(['template', 'x', chartDir, '-f', `oci://${registry.host}/shared/values`]);
    assert.equal(helm.code, 1);
    assert.equal(hookline.code, 1);
    assert.match(hookline.stderr, /needs a tag or a digest \(oci:\/\/HOST\/PATH:TAG or oci:\/\/HOST\/PATH@sha256:\.\.\.\)/);
  });
});
