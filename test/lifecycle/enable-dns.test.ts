// --enable-dns on install, upgrade and upgrade --install, compared with helm v4 in twin
// namespaces: with the flag getHostByName "localhost" is a loopback address in the stored
// manifest, without it "" (helm's default).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { freshNamespace, testClient } from '../support/cluster.ts';
import { comparable, runBothTools, storedHistory, writeChart, type Tool } from '../support/cli-differential.ts';
import { dropNamespace } from '../support/lifecycle-harness.ts';

// localhost may have several addresses (chosen at random): the template says whether it got a loopback one.
const chart = writeChart({
  'Chart.yaml': 'apiVersion: v2\nname: dns\nversion: 0.1.0\n',
  'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-dns\ndata:\n'
    + '  localhost: {{ if has (getHostByName "localhost") (list "127.0.0.1" "::1") }}loopback{{ else }}{{ getHostByName "localhost" | quote }}{{ end }}\n'
    + '  literal: {{ getHostByName "10.1.2.3" | quote }}\n',
});

const namespaces: string[] = [];
after(async () => {
  rmSync(chart, { recursive: true, force: true });
  await Promise.all(namespaces.map((ns) => dropNamespace(testClient(), ns)));
});

describe('--enable-dns on install and upgrade as helm', () => {
  test('install, upgrade without the flag, upgrade with it, upgrade --install of a new release', async () => {
    const ns = { helm: await freshNamespace(testClient(), 'dns-h'), hookline: await freshNamespace(testClient(), 'dns-k') } as Record<Tool, string>;
    namespaces.push(ns.helm, ns.hookline);
    const steps = [
      ['install', 'r', chart, '--enable-dns'],
      ['upgrade', 'r', chart],
      ['upgrade', 'r', chart, '--enable-dns'],
      ['upgrade', '--install', 'fresh', chart, '--enable-dns'],
    ];
    for (const args of steps) {
      const run = await runBothTools((tool) => [...args, '-n', ns[tool], ...(tool === 'hookline' ? ['--quiet'] : [])]);
      assert.equal(run.helm.code, 0, run.helm.stderr);
      assert.equal(run.hookline.code, 0, run.hookline.stderr);
      assert.equal(comparable(run.hookline.stdout, ns.hookline), comparable(run.helm.stdout, ns.helm));
    }
    for (const release of ['r', 'fresh']) assert.deepEqual(await storedHistory(ns.hookline, release), await storedHistory(ns.helm, release));
    const manifests = (await storedHistory(ns.hookline, 'r')).map((r) => r.manifest);
    assert.match(manifests[0], /localhost: loopback\n {2}literal: "10\.1\.2\.3"/);
    assert.match(manifests[1], /localhost: ""\n {2}literal: ""/);
    assert.match(manifests[2], /localhost: loopback/);
    assert.match((await storedHistory(ns.hookline, 'fresh'))[0].manifest, /localhost: loopback/);
  });
});
