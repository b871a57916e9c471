// Exact plans through the command line on the test cluster: `plan ... -o FILE.json` saves a plan,
// `apply FILE.json` carries out exactly that, and refuses (changing nothing) when the release or
// an object the plan covers changed since, or when the file was edited.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshCluster, hookControlChart, hooklineCli as hookline, jobExists, upgrade, type Cluster, type TestHook } from './support.ts';

const clusters: Cluster[] = [];
const scratch = mkdtempSync(join(tmpdir(), 'hook-plans-'));
after(async () => {
  rmSync(scratch, { recursive: true, force: true });
  await Promise.all(clusters.map((c) => c.drop()));
});

const hooks: TestHook[] = [{ name: 'prepare', events: 'pre-install,pre-upgrade', script: 'echo prepared', deletePolicy: 'before-hook-creation,hook-succeeded' }];

function valuesFile(name: string, values: Record<string, unknown>): string {
  const file = join(scratch, `${name}.json`);
  writeFileSync(file, JSON.stringify({ hooks, ...values }));
  return file;
}

async function planned(c: Cluster, name: string, action: string, values: Record<string, unknown>) {
  const file = join(scratch, `${c.namespace}-${action}.plan.json`);
  const run = await hookline(['plan', action, 'app', hookControlChart, '-n', c.namespace, '-f', valuesFile(`${c.namespace}-${action}`, values), '-o', file]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, new RegExp(`plan saved to ${file.replace(/[.]/g, '\\.')}; carry it out with: hookline apply `));
  return file;
}

async function configMapValue(c: Cluster): Promise<string> {
  const cm = await c.ctx.client.request<{ data: { value: string } }>('GET', `/api/v1/namespaces/${c.namespace}/configmaps/plain-resource`);
  return cm.data.value;
}

describe('saved plans and apply', { concurrency: 2 }, () => {
  test('apply carries out exactly the saved install plan, then a saved upgrade plan', async () => {
    const c = await freshCluster('hc-apply');
    clusters.push(c);
    const installPlan = await planned(c, 'app', 'install', { resourceData: 'planned' });
    assert.deepEqual(await c.ctx.storage.history('app'), [], 'planning changes nothing');
    const applied = await hookline(['apply', installPlan]);
    assert.equal(applied.code, 0, applied.stderr);
    assert.match(applied.stdout, /^Plan .* applied: install of "app"\.\nNAME: app\n/);
    const [first] = await c.ctx.storage.history('app');
    assert.equal(first.info.status, 'deployed');
    assert.equal(first.manifest, (JSON.parse(readFileSync(installPlan, 'utf8')) as { content: { manifest: string } }).content.manifest);
    assert.equal(first.hooks?.[0].last_run.phase, 'Succeeded');
    assert.equal(await configMapValue(c), 'planned');

    const upgradePlan = await planned(c, 'app', 'upgrade', { resourceData: 'second' });
    const again = await hookline(['apply', upgradePlan, '-o', 'json']);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual((await c.ctx.storage.history('app')).map((r) => `${r.version} ${r.info.status}`), ['1 superseded', '2 deployed']);
    assert.equal(await configMapValue(c), 'second');
    const reused = await hookline(['apply', upgradePlan]);
    assert.equal(reused.code, 1, 'a plan is good for one run: the release has moved on');
    assert.match(reused.stderr, /release "app" changed: planned against revisions \[1 deployed\], now \[1 superseded, 2 deployed\]/);
  });

  test('apply refuses, changing nothing, when the release or a covered object changed, or the file was edited', async () => {
    const c = await freshCluster('hc-drift');
    clusters.push(c);
    const install = await hookline(['apply', await planned(c, 'app', 'install', {})]);
    assert.equal(install.code, 0, install.stderr);

    const stale = await planned(c, 'app', 'upgrade', { resourceData: 'from the plan' });
    await c.ctx.client.request('PATCH', `/api/v1/namespaces/${c.namespace}/configmaps/plain-resource`, {
      body: { metadata: { labels: { touched: 'by-hand' } } }, contentType: 'application/merge-patch+json',
    });
    const refused = await hookline(['apply', stale]);
    assert.equal(refused.code, 1);
    assert.equal(refused.stderr, 'Error: APPLY FAILED: the plan no longer matches the cluster, nothing was changed:\n  - ConfigMap/plain-resource was changed since the plan\nmake a new plan with `hookline plan ... -o FILE`\n');
    assert.deepEqual((await c.ctx.storage.history('app')).map((r) => `${r.version} ${r.info.status}`), ['1 deployed']);
    assert.equal(await configMapValue(c), 'one');
    assert.equal(await jobExists(c.ctx, 'prepare'), false, 'no hook ran');

    const behind = await planned(c, 'app', 'upgrade', { resourceData: 'from the plan' });
    await upgrade(c.ctx, 'app', hooks, 2);
    const outdated = await hookline(['apply', behind]);
    assert.equal(outdated.code, 1);
    assert.match(outdated.stderr, /release "app" changed: planned against revisions \[1 deployed\], now \[1 superseded, 2 deployed\]/);

    const edited = await planned(c, 'app', 'upgrade', { resourceData: 'x' });
    writeFileSync(edited, readFileSync(edited, 'utf8').replace('"resourceData": "x"', '"resourceData": "y"').replace(/value: "x"/g, 'value: "y"'));
    const tampered = await hookline(['apply', edited]);
    assert.equal(tampered.code, 1);
    assert.equal(tampered.stderr, `Error: ${edited}: the plan was changed after \`hookline plan\` wrote it; make a new plan instead of editing it\n`);
    assert.deepEqual((await c.ctx.storage.history('app')).map((r) => r.version), [1, 2]);
  });
});
