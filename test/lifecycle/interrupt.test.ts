// An API server that accepts connections but never answers, and SIGTERM during an action:
// Hookline fails as helm does (TLS handshake timeout naming the server), stops at once when
// interrupted before the release changed, and when interrupted during a hook records the
// release failed ("context canceled") exactly as helm does, so the next action can proceed.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { freshNamespace, testClient, testKubeconfig } from '../support/cluster.ts';
import { comparable, errorLine, runBothTools, storedHistory, writeChart } from '../support/cli-differential.ts';
import { dropNamespace } from '../support/lifecycle-harness.ts';
import { toolCommand, type Tool } from '../support/run-process.ts';
import type { HelmRun } from '../support/lifecycle-harness.ts';

const chart = writeChart({
  'Chart.yaml': 'apiVersion: v2\nname: slow\nversion: 0.1.0\n',
  'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\n',
  'templates/job.yaml': [
    'apiVersion: batch/v1', 'kind: Job', 'metadata:', '  name: {{ .Release.Name }}-wait', '  annotations:', '    helm.sh/hook: pre-install',
    'spec:', '  backoffLimit: 0', '  template:', '    spec:', '      restartPolicy: Never', '      containers:',
    '        - name: main', '          image: busybox', '          command: ["sh", "-c", "sleep 120"]', '',
  ].join('\n'),
});

interface SilentServer { kubeconfig: string; connections: () => number; close: () => void }
const servers: SilentServer[] = [];
const namespaces: string[] = [];

/** A server that accepts TCP connections and never writes a byte: TLS never completes. */
async function silentServer(name: string): Promise<SilentServer> {
  const held: Socket[] = [];
  const server: Server = createServer((socket) => held.push(socket));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const kubeconfig = join(chart, `${name}-kubeconfig`);
  writeFileSync(kubeconfig, [
    'apiVersion: v1', 'kind: Config', 'current-context: silent',
    'clusters:', '- name: silent', '  cluster:', `    server: https://127.0.0.1:${port}`, '    insecure-skip-tls-verify: true',
    'users:', '- name: u', '  user:', '    token: abc',
    'contexts:', '- name: silent', '  context: {cluster: silent, user: u}', '',
  ].join('\n'));
  const silent = { kubeconfig, connections: () => held.length, close: () => { for (const s of held) s.destroy(); server.close(); } };
  servers.push(silent);
  return silent;
}

after(async () => {
  for (const s of servers) s.close();
  rmSync(chart, { recursive: true, force: true });
  await Promise.all(namespaces.map((ns) => dropNamespace(testClient(), ns)));
});

/** Starts a tool, waits until `ready` holds, sends SIGTERM, and returns how it ended. */
function interrupted(tool: Tool, args: string[], ready: () => Promise<boolean>): Promise<HelmRun & { signal: string | null }> {
  const [file, argv] = toolCommand(tool, args);
  const child = spawn(file, argv, { env: { ...process.env, TZ: 'UTC' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const ended = new Promise<HelmRun & { signal: string | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code: code ?? 1, signal, stdout, stderr })));
  void (async () => {
    while (child.exitCode === null && !(await ready())) await new Promise((r) => setTimeout(r, 200));
    child.kill('SIGTERM');
  })();
  return ended;
}

describe('an unresponsive API server and interrupted actions', { concurrency: 4 }, () => {
  for (const command of [['list'], ['install', 'rel', chart]]) {
    test(`${command[0]} against a server that never answers fails as helm does`, async () => {
      const silent = await silentServer(command[0]);
      const run = await runBothTools(() => [...command, '--kubeconfig', silent.kubeconfig], { noKubeconfig: true });
      assert.equal(run.helm.code, 1);
      assert.equal(run.hookline.code, 1);
      assert.match(errorLine(run.helm.stderr), /TLS handshake timeout$/);
      assert.equal(errorLine(run.hookline.stderr), errorLine(run.helm.stderr));
    });
  }

  test('SIGTERM while the server does not answer ends the command at once, before the handshake times out', async () => {
    const silent = await silentServer('interrupted');
    // Once it connects, the command is past its start-up and waits on the server.
    const run = await interrupted('hookline', ['install', 'rel', chart, '--kubeconfig', silent.kubeconfig], async () => silent.connections() > 0);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /interrupted \(SIGTERM\) before the release was changed/);
    assert.doesNotMatch(run.stderr, /TLS handshake timeout/);
  });

  test('SIGTERM during a pre-install hook: the release is recorded failed with "context canceled", as helm', async () => {
    const ns = { helm: await freshNamespace(testClient(), 'int-h'), hookline: await freshNamespace(testClient(), 'int-k') };
    namespaces.push(ns.helm, ns.hookline);
    const hookRunning = (namespace: string) => async () => {
      const pods = await testClient().request<{ items: Array<{ status?: { phase?: string } }> }>('GET', `/api/v1/namespaces/${namespace}/pods`, { query: { labelSelector: 'job-name=slow-wait' } });
      return pods.items.some((p) => p.status?.phase === 'Running');
    };
    const [helm, hookline] = await Promise.all((['helm', 'hookline'] as const).map((tool) =>
      interrupted(tool, ['install', 'slow', chart, '-n', ns[tool], '--kubeconfig', testKubeconfig()], hookRunning(ns[tool]))));
    assert.equal(helm.code, 1);
    assert.equal(hookline.code, helm.code);
    assert.equal(hookline.stdout, helm.stdout);
    assert.equal(comparable(errorLine(hookline.stderr)), comparable(errorLine(helm.stderr)));
    const stored = await storedHistory(ns.hookline, 'slow');
    assert.equal(stored[0]?.status, 'failed');
    assert.deepEqual(stored.map(({ hooks: _, ...r }) => r), (await storedHistory(ns.helm, 'slow')).map(({ hooks: _, ...r }) => r));
    // Nothing is left locked: the next action runs at once.
    const next = await runBothTools((tool) => ['uninstall', 'slow', '-n', ns[tool], '--no-hooks']);
    assert.equal(next.hookline.code, 0, next.hookline.stderr);
    assert.equal(next.hookline.stdout, next.helm.stdout);
  });
});
