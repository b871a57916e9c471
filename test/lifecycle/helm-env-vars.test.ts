// helm's environment variables for the cluster connection and the history limit, each compared
// with helm v4 on the test cluster: HELM_MAX_HISTORY (the same stored history), HELM_KUBEASUSER
// and HELM_KUBEASGROUPS (impersonation refused or allowed alike), HELM_KUBETOKEN (a refused
// token), HELM_KUBECAFILE (a CA that did not sign the server) and HELM_KUBETLS_SERVER_NAME (a
// name the server's certificate is not for): the same stdout, exit status and error line.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { freshNamespace, testClient, testKubeconfig } from '../support/cluster.ts';
import { comparable, errorLine, runTool, storedHistory, writeChart, type Tool } from '../support/cli-differential.ts';
import { dropNamespace } from '../support/lifecycle-harness.ts';
import { makeCertificates } from '../repo/repo-harness.ts';

const chart = writeChart({
  'Chart.yaml': 'apiVersion: v2\nname: envs\nversion: 0.1.0\n',
  'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  rev: "{{ .Release.Revision }}"\n',
});
const ns = {} as Record<Tool, string>;
/** The test cluster's kubeconfig with a token instead of the client certificate. */
let tokenOnly = '';

before(async () => {
  ns.helm = await freshNamespace(testClient(), 'env-h');
  ns.hookline = await freshNamespace(testClient(), 'env-k');
  const config = parse(readFileSync(testKubeconfig(), 'utf8'));
  tokenOnly = join(chart, 'token-only.yaml');
  writeFileSync(tokenOnly, stringify({ ...config, users: [{ name: config.users[0].name, user: { token: 'placeholder' } }] }));
  for (const tool of ['helm', 'hookline'] as const) {
    const run = await runTool(tool, ['install', 'e', chart, '-n', ns[tool]]);
    assert.equal(run.code, 0, run.stderr);
  }
});

after(async () => {
  rmSync(chart, { recursive: true, force: true });
  await Promise.all(Object.values(ns).map((n) => dropNamespace(testClient(), n)));
});

/** Both tools with the variables set (and the given kubeconfig): the same stdout, exit status and error line. */
async function same(args: string[], env: Record<string, string>, kubeconfig = testKubeconfig()) {
  const [helm, ours] = await Promise.all((['helm', 'hookline'] as const).map((tool) =>
    runTool(tool, [...args, '-n', ns[tool], '--kubeconfig', kubeconfig], { env, noKubeconfig: true })));
  assert.equal(ours.code, helm.code, `hookline: ${ours.stderr}\nhelm: ${helm.stderr}`);
  assert.equal(comparable(ours.stdout, ns.hookline), comparable(helm.stdout, ns.helm));
  assert.equal(comparable(errorLine(ours.stderr), ns.hookline), comparable(errorLine(helm.stderr), ns.helm));
  return helm;
}

describe('helm\'s environment variables', { concurrency: 1 }, () => {
  test('HELM_MAX_HISTORY limits the revisions an upgrade keeps', async () => {
    for (let i = 0; i < 3; i++) await same(['upgrade', 'e', chart], { HELM_MAX_HISTORY: '2' });
    const history = await storedHistory(ns.helm, 'e');
    assert.deepEqual(history.map((r) => r.version), [3, 4]);
    assert.deepEqual(await storedHistory(ns.hookline, 'e'), history);
  });

  test('HELM_KUBEASUSER impersonates a user without rights: refused alike', async () => {
    for (const args of [['list'], ['status', 'e'], ['history', 'e'], ['get', 'values', 'e']]) {
      const helm = await same(args, { HELM_KUBEASUSER: 'nobody-here' });
      assert.equal(helm.code, 1);
    }
    // A change takes Hookline's release lock (a Lease) first: refused there (README, differences).
    const [helm, ours] = await Promise.all((['helm', 'hookline'] as const).map((tool) =>
      runTool(tool, ['upgrade', 'e', chart, '-n', ns[tool]], { env: { HELM_KUBEASUSER: 'nobody-here' } })));
    assert.equal(helm.code, 1);
    assert.equal(ours.code, 1);
    assert.match(errorLine(ours.stderr), /^Error: UPGRADE FAILED: leases\.coordination\.k8s\.io is forbidden: User "nobody-here" cannot create resource "leases"/);
    assert.deepEqual(await storedHistory(ns.hookline, 'e'), await storedHistory(ns.helm, 'e'));
  });

  test('HELM_KUBEASGROUPS with HELM_KUBEASUSER: a group with rights is let in', async () => {
    const helm = await same(['list'], { HELM_KUBEASUSER: 'someone', HELM_KUBEASGROUPS: 'system:masters' });
    assert.match(helm.stdout, /^e\s/m);
  });

  test('HELM_KUBETOKEN the server refuses', async () => {
    const helm = await same(['list'], { HELM_KUBETOKEN: 'not-a-token' }, tokenOnly);
    assert.match(errorLine(helm.stderr), /provide credentials$/);
  });

  test('HELM_KUBECAFILE of a CA that did not sign the server, HELM_KUBETLS_SERVER_NAME it is not for', async () => {
    const other = makeCertificates();
    try {
      const ca = await same(['status', 'e'], { HELM_KUBECAFILE: other.ca });
      assert.match(errorLine(ca.stderr), /x509: certificate signed by unknown authority$/);
      const name = await same(['list'], { HELM_KUBETLS_SERVER_NAME: 'not-this.invalid' });
      assert.match(errorLine(name.stderr), /not not-this\.invalid$/);
    } finally {
      rmSync(join(other.ca, '..'), { recursive: true, force: true });
    }
  });
});
