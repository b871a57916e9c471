// The local cluster behaves as any cluster for the real helm (v4.1 and v3.17): a chart with pre
// and post hooks installs, upgrades, tests and uninstalls, and `helm status`/`helm history`
// read as usual. This proves the cluster, not Hookline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshNamespace, testClient, testKubeconfig } from '../support/cluster.ts';
import { referenceTool, type ReferenceTool } from '../support/reference-tools.ts';

function hookChart(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hookline-helmref-'));
  mkdirSync(join(dir, 'templates'));
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: ref\nversion: 0.1.0\n');
  const job = (name: string, hook: string, weight: number, script: string) => `apiVersion: batch/v1
kind: Job
metadata:
  name: {{ .Release.Name }}-${name}
  annotations:
    "helm.sh/hook": ${hook}
    "helm.sh/hook-weight": "${weight}"
    "helm.sh/hook-delete-policy": before-hook-creation
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: main
          image: busybox
          command: ["sh", "-c", "${script}"]
---
`;
  writeFileSync(join(dir, 'templates', 'hooks.yaml'),
    job('pre', 'pre-install,pre-upgrade', -5, 'echo pre') + job('post', 'post-install,post-upgrade', 5, 'echo post') +
    job('smoke', 'test', 0, 'echo smoke ok'));
  writeFileSync(join(dir, 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cfg\ndata:\n  rev: {{ .Release.Revision | quote }}\n');
  return dir;
}

for (const tool of ['helm4', 'helm3'] as ReferenceTool[]) {
  test(`${tool} installs, upgrades, tests and uninstalls a chart with hooks on the local cluster`, async () => {
    const ns = await freshNamespace(testClient(), `ref-${tool}`);
    const chart = hookChart();
    const helm = (...args: string[]) => execFileSync(referenceTool(tool), [...args, '-n', ns, '--kubeconfig', testKubeconfig()], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    helm('install', 'r', chart, '--wait', '--timeout', '120s');
    helm('upgrade', 'r', chart, '--wait', '--timeout', '120s');
    const tested = helm('test', 'r', '--timeout', '120s');
    assert.match(tested, /TEST SUITE:\s+r-smoke[\s\S]*Phase:\s+Succeeded/);
    assert.match(helm('status', 'r'), /STATUS: deployed\nREVISION: 2/);
    const history = helm('history', 'r');
    assert.match(history, /1\s+\t.*superseded.*Install complete/);
    assert.match(history, /2\s+\t.*deployed.*Upgrade complete/);
    const jobs = execFileSync(referenceTool('kubectl'), ['get', 'jobs', '-n', ns, '--kubeconfig', testKubeconfig(), '-o', 'jsonpath={range .items[*]}{.metadata.name}={.status.succeeded}{"\\n"}{end}'], { encoding: 'utf8' });
    assert.match(jobs, /r-pre=1/);
    assert.match(jobs, /r-post=1/);
    helm('uninstall', 'r');
    assert.throws(() => helm('status', 'r'), /not found/);
  });
}
