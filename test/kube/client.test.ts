// KubeClient against a real kube-apiserver (the local control plane, started here without the
// node agent): JSON requests, patches, API errors as kubectl reports them, watches, streams.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeApiError, KubeClient, type WatchEvent } from '../../src/kube/client.ts';
import { loadKubeConfig } from '../../src/kube/config.ts';
import { startLocalCluster, stopLocalCluster, type LocalCluster } from '../../src/local/cluster.ts';
import { portIsFree } from '../../src/local/ports.ts';
import { referenceTool } from '../support/reference-tools.ts';

const stateDir = mkdtempSync(join(tmpdir(), 'hookline-client-test-'));
let cluster: LocalCluster;
let client: KubeClient;
const cmPath = '/api/v1/namespaces/default/configmaps';

before(async () => {
  cluster = await startLocalCluster({ stateDir, agent: false });
  client = new KubeClient(loadKubeConfig({ kubeconfig: cluster.kubeconfigPath }));
});
after(async () => {
  await stopLocalCluster({ stateDir, purge: true });
});

function kubectlError(args: string[]): string {
  try {
    execFileSync(referenceTool('kubectl'), ['--kubeconfig', cluster.kubeconfigPath, ...args], { stdio: 'pipe' });
  } catch (err) {
    return (err as { stderr: Buffer }).stderr.toString().trim();
  }
  throw new Error(`kubectl ${args.join(' ')} succeeded`);
}

describe('requests', () => {
  test('GET /version reports the pinned Kubernetes version', async () => {
    const version = await client.request('GET', '/version');
    assert.equal(version.gitVersion, 'v1.35.4');
  });

  test('create, merge-patch, server-side apply and delete a ConfigMap', async () => {
    const created = await client.request('POST', cmPath, { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'crud' }, data: { a: '1' } } });
    assert.equal(created.metadata.name, 'crud');
    const patched = await client.request('PATCH', `${cmPath}/crud`, { body: { data: { b: '2' } } });
    assert.deepEqual(patched.data, { a: '1', b: '2' });
    const applied = await client.request('PATCH', `${cmPath}/crud`, {
      body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'crud' }, data: { c: '3' } },
      contentType: 'application/apply-patch+yaml', query: { fieldManager: 'hookline-test', force: true },
    });
    assert.equal(applied.data.c, '3');
    assert.ok(applied.metadata.managedFields.some((f: { manager: string }) => f.manager === 'hookline-test'));
    await client.request('DELETE', `${cmPath}/crud`);
    const raw = await client.requestRaw('GET', `${cmPath}/crud`);
    assert.equal(raw.status, 404);
    assert.equal(JSON.parse(raw.body.toString()).reason, 'NotFound');
  });

  test('a missing object is a KubeApiError with the message kubectl prints', async () => {
    const err = await client.request('GET', `${cmPath}/nope`).catch((e: unknown) => e);
    assert.ok(err instanceof KubeApiError);
    assert.equal(err.status, 404);
    assert.equal(err.reason, 'NotFound');
    assert.equal(kubectlError(['get', 'configmap', 'nope']), `Error from server (${err.reason}): ${err.message}`);
  });

  test('creating an existing object is a KubeApiError AlreadyExists, as kubectl reports', async () => {
    await client.request('POST', cmPath, { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'twice' } } });
    const err = await client.request('POST', cmPath, { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'twice' } } }).catch((e: unknown) => e);
    assert.ok(err instanceof KubeApiError);
    assert.equal(err.status, 409);
    assert.equal(err.reason, 'AlreadyExists');
    assert.equal(kubectlError(['create', 'configmap', 'twice']), `error: failed to create configmap: ${err.message}`);
  });

  test('an unreachable server: Go\'s dial error naming the URL, and a hint to start the local cluster', async () => {
    const { server: _unused, ...connection } = client.connection;
    let port = 1;
    while (!(await portIsFree(port + 40000))) port++;
    const offline = new KubeClient({ ...connection, server: `https://127.0.0.1:${port + 40000}` });
    await assert.rejects(offline.request('GET', '/version'), (err: Error & { hint?: string }) =>
      err.message === `Get "https://127.0.0.1:${port + 40000}/version": dial tcp 127.0.0.1:${port + 40000}: connect: connection refused` && /hookline local up/.test(err.hint ?? ''));
  });
});

describe('watch and stream', () => {
  test('watch yields ADDED, MODIFIED and DELETED in order and ends when aborted', async () => {
    const list = await client.request('GET', cmPath);
    const controller = new AbortController();
    const seen: string[] = [];
    const watching = (async () => {
      for await (const event of client.watch(cmPath, { resourceVersion: list.metadata.resourceVersion, fieldSelector: 'metadata.name=watched' }, controller.signal)) {
        seen.push(`${event.type} ${event.object.data?.step ?? ''}`);
        if (event.type === 'DELETED') controller.abort();
      }
    })();
    await client.request('POST', cmPath, { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'watched' }, data: { step: 'one' } } });
    await client.request('PATCH', `${cmPath}/watched`, { body: { data: { step: 'two' } } });
    await client.request('DELETE', `${cmPath}/watched`);
    await watching;
    assert.deepEqual(seen, ['ADDED one', 'MODIFIED two', 'DELETED two']);
  });

  test('multi-byte text split across chunks arrives intact through a watch', async () => {
    const text = 'é✓漢🙂'.repeat(40000);
    const list = await client.request('GET', cmPath);
    const controller = new AbortController();
    let received: WatchEvent | undefined;
    const watching = (async () => {
      for await (const event of client.watch(cmPath, { resourceVersion: list.metadata.resourceVersion, fieldSelector: 'metadata.name=unicode' }, controller.signal)) {
        received = event;
        controller.abort();
      }
    })();
    await client.request('POST', cmPath, { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'unicode' }, data: { text } } });
    await watching;
    assert.equal(received?.object.data.text, text);
  });

  test('stream returns the body as it arrives', async () => {
    const controller = new AbortController();
    const body = await client.stream(cmPath, { watch: true, fieldSelector: 'metadata.name=twice' }, controller.signal);
    const first = await new Promise<string>((resolve) => body.once('data', (chunk: Buffer) => resolve(chunk.toString())));
    controller.abort();
    const event = JSON.parse(first.split('\n')[0]);
    assert.equal(event.type, 'ADDED');
    assert.equal(event.object.metadata.name, 'twice');
  });

  test('stream of a missing pod log is a KubeApiError, as kubectl reports', async () => {
    const err = await client.stream('/api/v1/namespaces/default/pods/ghost/log', { follow: true }).catch((e: unknown) => e);
    assert.ok(err instanceof KubeApiError);
    assert.equal(err.status, 404);
    assert.equal(kubectlError(['get', '--raw', '/api/v1/namespaces/default/pods/ghost/log?follow=true']), `Error from server (${err.reason}): ${err.message}`);
  });
});
