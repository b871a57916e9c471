// Ordering of ordinary resources by hookline.dev/wave and hookline.dev/depends-on: the steps
// computed from annotations, and on the test cluster each step applied only once the previous
// one is ready (a Job completed) — for install and upgrade; bad orders are refused up front.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resourceSteps, type OrderedItem } from '../../src/manifest/resource-order.ts';
import type { TimedEvent } from '../../src/release/events.ts';
import { failureOf, freshCluster, hookContent, type Cluster } from './support.ts';
import { installRelease } from '../../src/release/install.ts';
import { upgradeRelease } from '../../src/release/upgrade.ts';

function item(ref: string, annotations?: Record<string, string>): OrderedItem<string> {
  const [kind, name] = ref.split('/');
  return { item: ref, kind, name, annotations, source: `chart/templates/${name}.yaml` };
}

describe('resource steps from depends-on and waves', () => {
  test('waves first, then dependency levels; kind order inside a step', () => {
    const steps = resourceSteps([
      item('ConfigMap/app', { 'hookline.dev/depends-on': 'Job/migrate' }),
      item('Job/migrate', { 'hookline.dev/depends-on': 'Secret/db' }),
      item('Secret/db'),
      item('ServiceAccount/early', { 'hookline.dev/wave': '-1' }),
      item('ConfigMap/late', { 'hookline.dev/wave': '2', 'hookline.dev/depends-on': 'ConfigMap/app' }),
      item('Service/free'),
    ]);
    assert.deepEqual(steps.map((s) => `${s.wave}: ${s.items.join(' ')}`), [
      '-1: ServiceAccount/early', '0: Secret/db Service/free', '0: Job/migrate', '0: ConfigMap/app', '2: ConfigMap/late',
    ]);
  });

  test('a cycle is refused with the cycle shown', () => {
    assert.throws(() => resourceSteps([
      item('ConfigMap/a', { 'hookline.dev/depends-on': 'ConfigMap/b' }),
      item('ConfigMap/b', { 'hookline.dev/depends-on': 'ConfigMap/c' }),
      item('ConfigMap/c', { 'hookline.dev/depends-on': 'ConfigMap/a' }),
    ]), { message: 'chart/templates/a.yaml (ConfigMap/a): hookline.dev/depends-on forms a cycle: ConfigMap/a -> ConfigMap/b -> ConfigMap/c -> ConfigMap/a; remove one of these dependencies' });
  });

  test('unknown targets, later waves and malformed values are refused, naming the resource and the fix', () => {
    assert.throws(() => resourceSteps([item('ConfigMap/a', { 'hookline.dev/depends-on': 'Deployment/ghost' })]),
      { message: 'chart/templates/a.yaml (ConfigMap/a): hookline.dev/depends-on names Deployment/ghost, which is not a resource of this release (hooks run in their phases and cannot be waited for); fix the Kind/name or remove it' });
    assert.throws(() => resourceSteps([item('ConfigMap/a', { 'hookline.dev/depends-on': 'ConfigMap/b' }), item('ConfigMap/b', { 'hookline.dev/wave': '1' })]),
      /ConfigMap\/a\): in hookline\.dev\/wave 0, it depends on ConfigMap\/b in the later wave 1/);
    assert.throws(() => resourceSteps([item('ConfigMap/a', { 'hookline.dev/depends-on': 'just-a-name' })]), /"just-a-name" is not Kind\/name/);
    assert.throws(() => resourceSteps([item('ConfigMap/a', { 'hookline.dev/wave': 'first' })]), /hookline\.dev\/wave: "first" is not an integer; write a wave like/);
  });
});

const clusters: Cluster[] = [];
after(() => Promise.all(clusters.map((c) => c.drop())));

/** "applied Kind/name" and "waited" in the order the action emitted them. */
function applySequence(events: TimedEvent[]): string[] {
  return events.flatMap((e) => e.type === 'resource-applied' ? [`${e.verb} ${e.kind}/${e.name}`] : e.type === 'wait-finished' ? [`ready: ${e.what}`] : []);
}

const options = { noHooks: false, wait: false, waitForJobs: false, timeoutMs: 60_000, serverSideApply: true };
const ordered = [
  { kind: 'Job', name: 'setup', script: 'sleep 2' },
  { kind: 'ConfigMap', name: 'needs-setup', annotations: { 'hookline.dev/depends-on': 'Job/setup' } },
  { kind: 'ConfigMap', name: 'first', annotations: { 'hookline.dev/wave': '-1' } },
];

describe('ordered resources on the cluster', { concurrency: 2 }, () => {
  test('install applies wave by wave and waits for a Job to complete before what depends on it; upgrade too', async () => {
    const c = await freshCluster('hc-order');
    clusters.push(c);
    const release = await installRelease(c.ctx, await hookContent(c.ctx, 'ordered', [], 1, { resources: ordered }),
      { ...options, name: 'ordered', createNamespace: false, replace: false, rollbackOnFailure: false, dryRun: 'none' });
    assert.equal(release.info.status, 'deployed');
    assert.deepEqual(applySequence(c.events), [
      'created ConfigMap/first', 'ready: 1 resource(s) to be ready',
      'created ConfigMap/plain-resource', 'created Job/setup', 'ready: 2 resource(s) to be ready',
      'created ConfigMap/needs-setup',
    ]);
    const job = await c.ctx.client.request<{ status: { succeeded?: number } }>('GET', `/apis/batch/v1/namespaces/${c.namespace}/jobs/setup`);
    assert.equal(job.status.succeeded, 1);

    c.events.length = 0;
    await upgradeRelease(c.ctx, await hookContent(c.ctx, 'ordered', [], 2, { resources: ordered.filter((r) => r.name !== 'first'), resourceData: 'two' }),
      { ...options, name: 'ordered', rollbackOnFailure: false, cleanupOnFail: false, forceReplace: false, forceConflicts: false, dryRun: false });
    assert.deepEqual(applySequence(c.events), [
      'updated ConfigMap/plain-resource', 'updated Job/setup', 'ready: 2 resource(s) to be ready', 'updated ConfigMap/needs-setup', 'deleted ConfigMap/first',
    ]);
  });

  test('a cycle fails the install before anything is recorded or created', async () => {
    const c = await freshCluster('hc-cycle');
    clusters.push(c);
    const err = await failureOf(installRelease(c.ctx, await hookContent(c.ctx, 'cyclic', [], 1, { resources: [
      { kind: 'ConfigMap', name: 'a', annotations: { 'hookline.dev/depends-on': 'ConfigMap/b' } },
      { kind: 'ConfigMap', name: 'b', annotations: { 'hookline.dev/depends-on': 'ConfigMap/a' } },
    ] }), { ...options, name: 'cyclic', createNamespace: false, replace: false, rollbackOnFailure: false, dryRun: 'none' }));
    assert.equal(err.message, 'hook-control/templates/ordered.yaml (ConfigMap/a): hookline.dev/depends-on forms a cycle: ConfigMap/a -> ConfigMap/b -> ConfigMap/a; remove one of these dependencies');
    assert.deepEqual(await c.ctx.storage.history('cyclic'), []);
    const configMaps = await c.ctx.client.request<{ items: Array<{ metadata: { name: string } }> }>('GET', `/api/v1/namespaces/${c.namespace}/configmaps`);
    assert.deepEqual(configMaps.items.map((i) => i.metadata.name), ['kube-root-ca.crt']);
  });
});
