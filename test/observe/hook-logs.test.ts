// The log follower on its own, with a scripted API server: lines split across chunks, a last
// line without a newline, a container still running when the hook ends, streaming errors.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import type { KubeClient, Query, WatchEvent } from '../../src/kube/client.ts';
import type { ActionContext } from '../../src/release/context.ts';
import type { HookRef, LifecycleEvent } from '../../src/release/events.ts';
import { followHookLogs } from '../../src/release/hook-logs.ts';

const hook: HookRef = { name: 'migrate', kind: 'Job', path: 'chart/templates/migrate.yaml', weight: 0, event: 'pre-install' };

function pod(name: string, containers: Array<[string, 'running' | 'terminated' | 'waiting']>) {
  return {
    metadata: { name, uid: `uid-${name}` },
    status: { containerStatuses: containers.map(([c, state]) => ({ name: c, restartCount: 0, state: { [state]: {} } })) },
  };
}

/** A fake API server: pod watch events, the pod list, and log bodies per pod/container. */
class ScriptedApi {
  readonly requests: string[] = [];
  readonly openStreams = new Set<PassThrough>();
  watchEvents: WatchEvent[] = [];
  podList: unknown[] = [];
  logs = new Map<string, PassThrough | Error>();
  watchError?: Error;

  async *watch(path: string, query: Query, signal?: AbortSignal): AsyncIterable<WatchEvent> {
    this.requests.push(`watch ${path} ${JSON.stringify(query)}`);
    if (this.watchError) throw this.watchError;
    for (const e of this.watchEvents) yield e;
    // Like a real watch: stays open until aborted.
    if (!signal?.aborted) await new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true }));
  }

  async request(method: string, path: string, options: { query?: Query }): Promise<unknown> {
    this.requests.push(`${method} ${path} ${JSON.stringify(options.query)}`);
    return { items: this.podList };
  }

  async stream(path: string, query: Query, signal?: AbortSignal): Promise<NodeJS.ReadableStream> {
    this.requests.push(`stream ${path} ${JSON.stringify(query)}`);
    const pod = /pods\/([^/]+)\/log$/.exec(path)![1];
    const body = this.logs.get(`${pod}/${query.container}`);
    if (!body) throw new Error(`no log for ${pod}/${query.container}`);
    if (body instanceof Error) throw body;
    this.openStreams.add(body);
    body.on('close', () => this.openStreams.delete(body));
    signal?.addEventListener('abort', () => body.destroy(new Error('aborted')), { once: true });
    return body;
  }
}

function context(api: ScriptedApi): { ctx: ActionContext; events: LifecycleEvent[] } {
  const events: LifecycleEvent[] = [];
  const ctx = { client: api as unknown as KubeClient, namespace: 'ns', emit: (e: LifecycleEvent) => events.push(e) } as unknown as ActionContext;
  return { ctx, events };
}

const logLines = (events: LifecycleEvent[]) => events.flatMap((e) => (e.type === 'hook-log' ? [`${e.pod}/${e.container}: ${e.line}`] : []));

describe('following hook logs', () => {
  test('only Jobs and Pods are followed', () => {
    const { ctx } = context(new ScriptedApi());
    assert.equal(followHookLogs(ctx, 'ConfigMap', 'settings', 'ns', hook), undefined);
  });

  test('a Job\'s pods are found by the job-name label, a Pod by its name', async () => {
    for (const [kind, selector] of [['Job', { labelSelector: 'batch.kubernetes.io/job-name=migrate' }], ['Pod', { fieldSelector: 'metadata.name=migrate' }]] as const) {
      const api = new ScriptedApi();
      const follower = followHookLogs(context(api).ctx, kind, 'migrate', 'ns', hook)!;
      await follower.stop();
      assert.deepEqual(api.requests, [`watch /api/v1/namespaces/ns/pods ${JSON.stringify(selector)}`, `GET /api/v1/namespaces/ns/pods ${JSON.stringify(selector)}`]);
    }
  });

  test('lines split across chunks and a last line without a newline are all emitted, in order, then streams close', async () => {
    const api = new ScriptedApi();
    const body = new PassThrough();
    api.logs.set('migrate-abcde/main', body);
    api.watchEvents = [{ type: 'ADDED', object: pod('migrate-abcde', [['main', 'running']]) }];
    const { ctx, events } = context(api);
    const follower = followHookLogs(ctx, 'Job', 'migrate', 'ns', hook)!;
    body.write('first li');
    body.write('ne\nsecond line\nthird ');
    body.write(Buffer.from('liné', 'utf8').subarray(0, 4)); // "lin" and half of "é"
    body.end(Buffer.from('liné', 'utf8').subarray(4));
    api.podList = [pod('migrate-abcde', [['main', 'terminated']])];
    await follower.stop();
    assert.deepEqual(logLines(events), ['migrate-abcde/main: first line', 'migrate-abcde/main: second line', 'migrate-abcde/main: third liné']);
    assert.deepEqual(follower.tail(), { pod: 'migrate-abcde', container: 'main', lines: ['first line', 'second line', 'third liné'] });
    assert.equal(api.openStreams.size, 0);
  });

  test('a container the watch never saw start is read from the final pod list', async () => {
    const api = new ScriptedApi();
    const body = new PassThrough();
    api.logs.set('migrate-fghij/main', body);
    api.podList = [pod('migrate-fghij', [['main', 'terminated']])];
    body.end('only line\n');
    const { ctx, events } = context(api);
    await followHookLogs(ctx, 'Job', 'migrate', 'ns', hook)!.stop();
    assert.deepEqual(logLines(events), ['migrate-fghij/main: only line']);
  });

  test('a container still running when the hook ends (timeout) is cut off after its buffered lines', async () => {
    const api = new ScriptedApi();
    const body = new PassThrough();
    api.logs.set('migrate-klmno/main', body);
    api.watchEvents = [{ type: 'ADDED', object: pod('migrate-klmno', [['main', 'running'], ['sidecar', 'waiting']])}];
    api.podList = [pod('migrate-klmno', [['main', 'running']])];
    const { ctx, events } = context(api);
    const follower = followHookLogs(ctx, 'Job', 'migrate', 'ns', hook)!;
    body.write('still waiting\n');
    const started = Date.now();
    await follower.stop();
    assert.ok(Date.now() - started < 2000, `stop() took ${Date.now() - started} ms`);
    assert.deepEqual(logLines(events), ['migrate-klmno/main: still waiting']);
    assert.equal(api.openStreams.size, 0);
    assert.ok(!api.requests.some((r) => r.includes('sidecar')), 'a waiting container has no log to follow yet');
  });

  test('streaming errors become one progress detail and never throw', async () => {
    const api = new ScriptedApi();
    api.logs.set('migrate-pqrst/a', new Error('container "a" in pod "migrate-pqrst" is waiting to start'));
    api.logs.set('migrate-pqrst/b', new Error('upgrade required'));
    api.podList = [pod('migrate-pqrst', [['a', 'terminated'], ['b', 'terminated']])];
    api.watchError = new Error('watch refused');
    const { ctx, events } = context(api);
    const follower = followHookLogs(ctx, 'Job', 'migrate', 'ns', hook)!;
    await new Promise((resolve) => setImmediate(resolve)); // the watch fails while the hook runs
    await follower.stop();
    assert.deepEqual(events, [{ type: 'hook-progress', hook, detail: 'hook logs unavailable: watch refused' }]);
  });
});
