// The local control plane for real: up, health, kubectl, RBAC with a ServiceAccount token,
// the audit log, `up` twice, a killed component, failure paths, and `down` leaving nothing.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { KubeApiError, KubeClient } from '../../src/kube/client.ts';
import { loadKubeConfig } from '../../src/kube/config.ts';
import { controlPlaneBinaries } from '../../src/local/binaries.ts';
import { localClusterStatus, startLocalCluster, stopLocalCluster, type LocalCluster } from '../../src/local/cluster.ts';
import { packageRoot } from '../../src/local/layout.ts';
import { portIsFree } from '../../src/local/ports.ts';
import { referenceTool } from '../support/reference-tools.ts';

const scratch = mkdtempSync(join(tmpdir(), 'hookline-local-test-'));
const stateDir = join(scratch, 'state');
let cluster: LocalCluster;
let concurrentStart: LocalCluster;
let admin: KubeClient;

function hookline(args: string[]) {
  return spawnSync(process.execPath, [join(packageRoot, 'bin', 'hookline.js'), ...args], { encoding: 'utf8' });
}

function kubectl(kubeconfig: string, args: string[]) {
  return spawnSync(referenceTool('kubectl'), ['--kubeconfig', kubeconfig, ...args], { encoding: 'utf8' });
}

const isAlive = (pid: number) => existsSync(`/proc/${pid}`) && !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));

before(async () => {
  // Two callers at once, as parallel test files would: one starts the cluster, the other waits and reuses it.
  const [first, second] = await Promise.all([startLocalCluster({ stateDir, agent: false }), startLocalCluster({ stateDir, agent: false })]);
  [cluster, concurrentStart] = first.alreadyRunning ? [second, first] : [first, second];
  admin = new KubeClient(loadKubeConfig({ kubeconfig: cluster.kubeconfigPath }));
});
after(async () => {
  await stopLocalCluster({ stateDir });
  rmSync(scratch, { recursive: true, force: true });
});

describe('a running control plane', () => {
  test('status reports every component healthy with its pid and port', async () => {
    const status = await localClusterStatus({ stateDir });
    assert.equal(status.healthy, true);
    assert.deepEqual(status.components.map((c) => c.name), ['etcd', 'kube-apiserver', 'kube-controller-manager']);
    assert.deepEqual(status.components.map((c) => c.port), [cluster.ports.etcdClient, cluster.ports.apiServer, cluster.ports.controllerManager]);
    for (const c of status.components) {
      assert.equal(c.pid, cluster.pids[c.name]);
      assert.ok(c.rssKiB > 0, `${c.name} has resident memory`);
    }
    const cli = hookline(['local', 'status', '--state-dir', stateDir]);
    assert.equal(cli.status, 0, cli.stderr);
    assert.match(cli.stdout, /^local cluster healthy: https:\/\/127\.0\.0\.1:\d+/);
  });

  test('kubectl lists the namespaces the control plane creates', () => {
    const result = kubectl(cluster.kubeconfigPath, ['get', 'namespaces', '-o', 'name']);
    assert.equal(result.status, 0, result.stderr);
    for (const ns of ['namespace/default', 'namespace/kube-system', 'namespace/kube-public', 'namespace/kube-node-lease']) assert.ok(result.stdout.split('\n').includes(ns), ns);
  });

  test('RBAC is enforced: a ServiceAccount token is refused until a RoleBinding allows it', async () => {
    await admin.request('POST', '/api/v1/namespaces/default/serviceaccounts', { body: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'nobody' } } });
    const tokenRequest = await admin.request('POST', '/api/v1/namespaces/default/serviceaccounts/nobody/token', { body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 600 } } });
    const connection = loadKubeConfig({ kubeconfig: cluster.kubeconfigPath });
    const asNobody = new KubeClient({ ...connection, cert: undefined, key: undefined, token: tokenRequest.status.token });

    const refused = await asNobody.request('GET', '/api/v1/namespaces/default/secrets').catch((e: unknown) => e);
    assert.ok(refused instanceof KubeApiError);
    assert.equal(refused.status, 403);
    assert.equal(refused.reason, 'Forbidden');
    const tokenKubeconfig = join(scratch, 'nobody.kubeconfig');
    writeFileSync(tokenKubeconfig, stringify({
      apiVersion: 'v1', kind: 'Config', 'current-context': 'nobody',
      clusters: [{ name: 'local', cluster: { server: cluster.apiServerUrl, 'certificate-authority-data': connection.ca!.toString('base64') } }],
      users: [{ name: 'nobody', user: { token: tokenRequest.status.token } }],
      contexts: [{ name: 'nobody', context: { cluster: 'local', user: 'nobody' } }],
    }));
    assert.equal(kubectl(tokenKubeconfig, ['get', 'secrets']).stderr.trim(), `Error from server (Forbidden): ${refused.message}`);

    await admin.request('POST', '/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles', { body: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'read-secrets' }, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }] } });
    await admin.request('POST', '/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings', { body: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'nobody-reads-secrets' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'read-secrets' }, subjects: [{ kind: 'ServiceAccount', name: 'nobody', namespace: 'default' }] } });
    let allowed: unknown;
    // The authorizer learns of the binding through a watch: on a loaded machine that can take a while.
    for (const deadline = Date.now() + 60_000; !allowed && Date.now() < deadline;) {
      allowed = await asNobody.request('GET', '/api/v1/namespaces/default/secrets').catch(() => new Promise((r) => setTimeout(() => r(undefined), 100)));
    }
    assert.equal((allowed as { kind: string }).kind, 'SecretList');
  });

  test('an exec credential plugin authenticates the same identity for hookline and kubectl', async () => {
    const tokenRequest = await admin.request('POST', '/api/v1/namespaces/default/serviceaccounts/nobody/token', { body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 600 } } });
    const plugin = join(scratch, 'credential-plugin.sh');
    const credential = { apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: tokenRequest.status.token } };
    // The plugin checks it was given KUBERNETES_EXEC_INFO, as client-go provides it.
    writeFileSync(plugin, `#!/bin/sh\ncase "$KUBERNETES_EXEC_INFO" in *ExecCredential*) ;; *) echo no exec info >&2; exit 1;; esac\necho '${JSON.stringify(credential)}'\n`, { mode: 0o755 });
    const connection = loadKubeConfig({ kubeconfig: cluster.kubeconfigPath });
    const execKubeconfig = join(scratch, 'exec.kubeconfig');
    writeFileSync(execKubeconfig, stringify({
      apiVersion: 'v1', kind: 'Config', 'current-context': 'exec',
      clusters: [{ name: 'local', cluster: { server: cluster.apiServerUrl, 'certificate-authority-data': connection.ca!.toString('base64') } }],
      users: [{ name: 'plugin', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: './credential-plugin.sh', interactiveMode: 'Never' } } }],
      contexts: [{ name: 'exec', context: { cluster: 'local', user: 'plugin' } }],
    }));
    const review = await new KubeClient(loadKubeConfig({ kubeconfig: execKubeconfig }))
      .request('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } });
    const whoami = kubectl(execKubeconfig, ['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}']);
    assert.equal(whoami.status, 0, whoami.stderr);
    assert.equal(review.status.userInfo.username, 'system:serviceaccount:default:nobody');
    assert.equal(whoami.stdout, review.status.userInfo.username);
  });

  test('the audit log records who created and deleted what', async () => {
    await admin.request('POST', '/api/v1/namespaces/default/configmaps', { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'audited' } } });
    await admin.request('DELETE', '/api/v1/namespaces/default/configmaps/audited');
    let events: any[] = [];
    for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
      events = readFileSync(cluster.auditLogPath, 'utf8').trim().split('\n').map((line) => JSON.parse(line))
        .filter((e) => e.objectRef?.resource === 'configmaps' && e.objectRef?.name === 'audited');
      if (events.length === 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(events.map((e) => [e.verb, e.level, e.stage, e.user.username, e.responseStatus.code]), [
      ['create', 'Metadata', 'ResponseComplete', 'hookline-admin', 201],
      ['delete', 'Metadata', 'ResponseComplete', 'hookline-admin', 200],
    ]);
  });

  test('up on a running cluster changes nothing', async () => {
    assert.equal(cluster.alreadyRunning, false);
    assert.equal(concurrentStart.alreadyRunning, true);
    assert.deepEqual(concurrentStart.pids, cluster.pids);
    const again = await startLocalCluster({ stateDir, agent: false });
    assert.equal(again.alreadyRunning, true);
    assert.deepEqual(again.pids, cluster.pids);
    const cli = hookline(['local', 'up', '--no-agent', '--state-dir', stateDir]);
    assert.equal(cli.status, 0, cli.stderr);
    assert.match(cli.stdout, /already running[\s\S]*export KUBECONFIG=.*kubeconfig\n/);
    assert.deepEqual((await startLocalCluster({ stateDir, agent: false })).pids, cluster.pids);
    await assert.rejects(startLocalCluster({ stateDir, agent: false, ports: { apiServer: cluster.ports.apiServer + 1 } }),
      new RegExp(`already runs with --api-port ${cluster.ports.apiServer}; run 'hookline local down' first`));
  });

  test('kubeconfig and env print the state directory\'s kubeconfig, by default under HOOKLINE_HOME', () => {
    assert.equal(hookline(['local', 'kubeconfig', '--state-dir', stateDir]).stdout, `${cluster.kubeconfigPath}\n`);
    assert.equal(hookline(['local', 'env', '--state-dir', stateDir]).stdout, `export KUBECONFIG=${cluster.kubeconfigPath}\n`);
    const home = join(scratch, 'home');
    const env = spawnSync(process.execPath, [join(packageRoot, 'bin', 'hookline.js'), 'local', 'env'], { encoding: 'utf8', env: { ...process.env, HOOKLINE_HOME: home } });
    assert.equal(env.stdout, `export KUBECONFIG=${join(home, 'local', 'kubeconfig')}\n`);
  });

  test('a killed component shows in status with its log, and up brings the cluster back on the same ports', async () => {
    process.kill(cluster.pids['kube-controller-manager']!, 'SIGKILL');
    while (isAlive(cluster.pids['kube-controller-manager']!)) await new Promise((r) => setTimeout(r, 50));
    const status = await localClusterStatus({ stateDir });
    assert.equal(status.healthy, false);
    const dead = status.components.find((c) => c.name === 'kube-controller-manager')!;
    assert.equal(dead.running, false);
    assert.match(dead.logTail ?? '', /\S/);
    const cli = hookline(['local', 'status', '--state-dir', stateDir]);
    assert.equal(cli.status, 1);
    assert.match(cli.stdout, /kube-controller-manager .*UNHEALTHY: process \d+ is not running\n {4}last lines of .*kube-controller-manager\.log:/);

    const restarted = await startLocalCluster({ stateDir, agent: false });
    assert.equal(restarted.alreadyRunning, false);
    assert.deepEqual(restarted.ports, cluster.ports);
    assert.equal((await localClusterStatus({ stateDir })).healthy, true);
    for (const pid of Object.values(cluster.pids)) assert.equal(isAlive(pid!), false, `old pid ${pid} was stopped`);
    cluster = restarted;
  });
});

describe('failures say what went wrong', () => {
  test('a requested port that is in use is refused before anything starts', async () => {
    const busy: Server = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    const otherState = join(scratch, 'busy-port');
    try {
      await assert.rejects(startLocalCluster({ stateDir: otherState, agent: false, ports: { apiServer: port } }),
        new RegExp(`port ${port} on 127\\.0\\.0\\.1 \\(--api-port\\) is already in use`));
      assert.equal((await localClusterStatus({ stateDir: otherState })).started, false);
    } finally {
      busy.close();
    }
  });

  test('a component that dies during start is reported with its log, and nothing is left running', async () => {
    const otherState = join(scratch, 'broken-etcd');
    mkdirSync(otherState, { recursive: true });
    writeFileSync(join(otherState, 'etcd'), 'a file where the etcd data directory belongs');
    await assert.rejects(startLocalCluster({ stateDir: otherState, agent: false }), /etcd exited during start-up; last lines of .*etcd\.log:\n[\s\S]*failed to list data directory[\s\S]*not a directory/);
    const status = await localClusterStatus({ stateDir: otherState });
    assert.equal(status.started, false);
  });

  test('a missing Go toolchain is named when the binaries must be built', () => {
    const emptyCache = join(scratch, 'empty-cache');
    assert.throws(() => controlPlaneBinaries({ env: { PATH: '/usr/bin:/bin', HOME: scratch, HOOKLINE_CACHE: emptyCache } }),
      /building the local control plane failed \(controlplane\/build\.sh exited with 1\):\n.*the Go toolchain \(go\) is not on PATH/);
  });

  test('--purge refuses a directory that is not a local cluster state directory', async () => {
    const unrelated = join(scratch, 'unrelated');
    mkdirSync(unrelated);
    writeFileSync(join(unrelated, 'keep.txt'), 'precious');
    await assert.rejects(stopLocalCluster({ stateDir: unrelated, purge: true }), /does not look like a hookline local cluster state directory/);
    assert.equal(readFileSync(join(unrelated, 'keep.txt'), 'utf8'), 'precious');
  });
});

describe('down', () => {
  test('stops every process, frees the ports, and a second down is harmless', async () => {
    const result = await stopLocalCluster({ stateDir });
    assert.deepEqual(result.stopped.map((s) => s.name), ['kube-controller-manager', 'kube-apiserver', 'etcd']);
    for (const pid of Object.values(cluster.pids)) assert.equal(isAlive(pid!), false, `pid ${pid} is gone`);
    for (const port of [cluster.ports.apiServer, cluster.ports.etcdClient, cluster.ports.controllerManager]) assert.equal(await portIsFree(port), true, `port ${port} is free`);
    assert.equal((await localClusterStatus({ stateDir })).started, false);
    const cli = hookline(['local', 'down', '--state-dir', stateDir]);
    assert.equal(cli.status, 0, cli.stderr);
    assert.equal(cli.stdout, 'no local cluster process was running\n');
    assert.ok(existsSync(join(stateDir, 'pki', 'ca.crt')), 'state is kept without --purge');
    const purge = hookline(['local', 'down', '--purge', '--state-dir', stateDir]);
    assert.equal(purge.status, 0, purge.stderr);
    assert.equal(existsSync(stateDir), false);
    assert.ok(!execFileSync('ps', ['-eo', 'args']).toString().includes(stateDir), 'no process mentions the state directory');
  });
});
