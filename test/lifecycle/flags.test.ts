// Upgrade flags through the Hookline CLI, each compared with helm v4 doing the same steps in a
// twin namespace: --history-max, the value-reuse flags, --cleanup-on-fail and --force-replace.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshNamespace, testClient, testKubeconfig } from '../support/cluster.ts';
import { dropNamespace, runHelm, type HelmRun } from '../support/lifecycle-harness.ts';

const hooklineBin = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'hookline.js');
type Tool = 'helm' | 'hookline';

function hookline(args: string[]): Promise<HelmRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [hooklineBin, ...args, '--kubeconfig', testKubeconfig()], { env: { ...process.env, TZ: 'UTC' } },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });
}

function run(tool: Tool, args: string[]): Promise<HelmRun> {
  return tool === 'helm' ? runHelm(args) : hookline(args);
}

async function ok(tool: Tool, args: string[]): Promise<HelmRun> {
  const result = await run(tool, args);
  assert.equal(result.code, 0, `${tool} ${args.join(' ')} failed: ${result.stderr}`);
  return result;
}

// A chart with one ConfigMap from the values, an optional second ConfigMap, and an optional
// post-upgrade Job that exits 1.
const chartFiles: Record<string, string> = {
  'Chart.yaml': 'apiVersion: v2\nname: flags\nversion: 0.1.0\n',
  'values.yaml': 'a: 1\nb: 2\nextra: false\nfailHook: false\n',
  'templates/base.yaml': [
    'apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: base', 'data:',
    '  a: {{ .Values.a | quote }}', '  b: {{ .Values.b | quote }}', '',
  ].join('\n'),
  'templates/extra.yaml': '{{- if .Values.extra }}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\ndata:\n  added: "yes"\n{{- end }}\n',
  'templates/hook.yaml': [
    '{{- if .Values.failHook }}', 'apiVersion: batch/v1', 'kind: Job', 'metadata:', '  name: post-upgrade-fails', '  annotations:',
    '    helm.sh/hook: post-upgrade', 'spec:', '  backoffLimit: 0', '  template:', '    spec:', '      restartPolicy: Never',
    '      containers:', '        - name: main', '          image: busybox', '          command: ["sh", "-c", "exit 1"]', '{{- end }}', '',
  ].join('\n'),
};

let chart = '';
const namespaces: string[] = [];

before(() => {
  chart = mkdtempSync(join(tmpdir(), 'hookline-flags-'));
  for (const [path, text] of Object.entries(chartFiles)) {
    mkdirSync(dirname(join(chart, path)), { recursive: true });
    writeFileSync(join(chart, path), text);
  }
});

after(async () => {
  rmSync(chart, { recursive: true, force: true });
  const client = testClient();
  await Promise.all(namespaces.map((ns) => dropNamespace(client, ns)));
});

async function twinNamespaces(prefix: string): Promise<Record<Tool, string>> {
  const client = testClient();
  const helm = await freshNamespace(client, `${prefix}-h`);
  const hooklineNs = await freshNamespace(client, `${prefix}-k`);
  namespaces.push(helm, hooklineNs);
  return { helm, hookline: hooklineNs };
}

/** Runs the same steps with both tools at the same time, each in its own namespace. */
async function both<T>(prefix: string, steps: (tool: Tool, ns: string) => Promise<T>): Promise<Record<Tool, T>> {
  const ns = await twinNamespaces(prefix);
  const [helm, hooklineResult] = await Promise.all([steps('helm', ns.helm), steps('hookline', ns.hookline)]);
  return { helm, hookline: hooklineResult };
}

interface HistoryRow { revision: number; status: string; description: string }

async function history(tool: Tool, ns: string): Promise<HistoryRow[]> {
  const rows = JSON.parse((await ok(tool, ['history', 'rel', '-n', ns, '-o', 'json'])).stdout) as HistoryRow[];
  return rows.map(({ revision, status, description }) => ({ revision, status, description }));
}

async function configMapUid(ns: string, name: string): Promise<string | undefined> {
  try {
    return (await testClient().request<{ metadata: { uid: string } }>('GET', `/api/v1/namespaces/${ns}/configmaps/${name}`)).metadata.uid;
  } catch (err) {
    if ((err as { status?: number }).status === 404 || /not found/i.test((err as Error).message)) return undefined;
    throw err;
  }
}

/** Results with the namespace names (which differ between the twins) taken out. */
function normalised(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value).replace(/lc-[a-z]+-[hk]-[0-9a-f]{6}/g, 'NS'));
}

describe('upgrade flags match helm v4', { concurrency: 4 }, () => {
  test('--history-max 3 keeps the last 3 revisions, the deployed one among them', async () => {
    const result = await both('lc-histmax', async (tool, ns) => {
      await ok(tool, ['install', 'rel', chart, '-n', ns]);
      for (let generation = 2; generation <= 6; generation++) {
        await ok(tool, ['upgrade', 'rel', chart, '-n', ns, '--history-max', '3', '--set', `a=${generation}`]);
      }
      return history(tool, ns);
    });
    assert.deepEqual(result.hookline, result.helm);
    assert.deepEqual(result.hookline.map((r) => r.revision), [4, 5, 6]);
    assert.equal(result.hookline.at(-1)?.status, 'deployed');
  });

  test('--reuse-values, --reset-values and --reset-then-reuse-values record the same user values', async () => {
    const sequence: string[][] = [
      ['install', '--set', 'a=10'],
      ['upgrade', '--reuse-values', '--set', 'b=20'],
      ['upgrade', '--set', 'c=3'],
      ['upgrade', '--reset-then-reuse-values', '--set', 'd=4'],
      ['upgrade', '--reset-values', '--set', 'e=5'],
      ['upgrade', '--reuse-values'],
    ];
    const result = await both('lc-values', async (tool, ns) => {
      const recorded: unknown[] = [];
      for (const [action, ...flags] of sequence) {
        await ok(tool, [action, 'rel', chart, '-n', ns, ...flags]);
        recorded.push(JSON.parse((await ok(tool, ['get', 'values', 'rel', '-n', ns, '-o', 'json'])).stdout));
      }
      return recorded;
    });
    assert.deepEqual(result.hookline, result.helm);
    assert.deepEqual(result.hookline[1], { a: 10, b: 20 });
  });

  test('--cleanup-on-fail deletes the ConfigMap a failed upgrade created', async () => {
    const result = await both('lc-cleanup', async (tool, ns) => {
      await ok(tool, ['install', 'rel', chart, '-n', ns]);
      const upgrade = await run(tool, ['upgrade', 'rel', chart, '-n', ns, '--cleanup-on-fail', '--timeout', '60s', '--set', 'extra=true', '--set', 'failHook=true']);
      return { upgradeFailed: upgrade.code !== 0, extra: await configMapUid(ns, 'extra'), base: await configMapUid(ns, 'base') !== undefined, history: await history(tool, ns) };
    });
    assert.equal(result.helm.upgradeFailed, true);
    assert.equal(result.helm.extra, undefined);
    assert.deepEqual(normalised(result.hookline), normalised(result.helm));
  });

  test('--take-ownership on upgrade adopts an object no release owns; without it the upgrade is refused', async () => {
    const result = await both('lc-adopt', async (tool, ns) => {
      await ok(tool, ['install', 'rel', chart, '-n', ns]);
      await testClient().request('POST', `/api/v1/namespaces/${ns}/configmaps`, { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'extra' }, data: { mine: 'yes' } } });
      const refused = await run(tool, ['upgrade', 'rel', chart, '-n', ns, '--set', 'extra=true']);
      const adopted = await run(tool, ['upgrade', 'rel', chart, '-n', ns, '--set', 'extra=true', '--take-ownership']);
      const live = await testClient().request<{ metadata: { annotations?: Record<string, string> } }>('GET', `/api/v1/namespaces/${ns}/configmaps/extra`);
      const error = refused.stderr.split('\n').find((line) => line.startsWith('Error:'));
      return { refused: refused.code, error, adopted: adopted.code, owner: live.metadata.annotations?.['meta.helm.sh/release-name'], history: await history(tool, ns) };
    });
    assert.equal(result.helm.refused, 1);
    assert.equal(result.helm.adopted, 0);
    assert.equal(result.helm.owner, 'rel');
    assert.deepEqual(normalised(result.hookline), normalised(result.helm));
  });

  test('--force-conflicts takes a field another manager owns; without it the upgrade fails on the conflict', async () => {
    const result = await both('lc-conflicts', async (tool, ns) => {
      await ok(tool, ['install', 'rel', chart, '-n', ns]);
      // Another field manager takes data.a over (server-side apply, forced).
      await testClient().request('PATCH', `/api/v1/namespaces/${ns}/configmaps/base`, {
        query: { fieldManager: 'someone-else', force: true }, contentType: 'application/apply-patch+yaml',
        body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'base' }, data: { a: 'theirs' } },
      });
      const refused = await run(tool, ['upgrade', 'rel', chart, '-n', ns, '--set', 'a=7']);
      const forced = await run(tool, ['upgrade', 'rel', chart, '-n', ns, '--set', 'a=8', '--force-conflicts']);
      const live = await testClient().request<{ data: Record<string, string> }>('GET', `/api/v1/namespaces/${ns}/configmaps/base`);
      const error = refused.stderr.split('\n').find((line) => line.startsWith('Error:'));
      return { refused: refused.code, error, forced: forced.code, a: live.data.a, history: await history(tool, ns) };
    });
    assert.equal(result.helm.refused, 1);
    assert.equal(result.helm.forced, 0);
    assert.equal(result.helm.a, '8');
    assert.deepEqual(normalised(result.hookline), normalised(result.helm));
  });

  test('--force-replace is refused with server-side apply and replaces the object with --server-side=false', async () => {
    const result = await both('lc-replace', async (tool, ns) => {
      await ok(tool, ['install', 'rel', chart, '-n', ns]);
      const refused = await run(tool, ['upgrade', 'rel', chart, '-n', ns, '--force-replace', '--set', 'a=2']);
      const uidBefore = await configMapUid(ns, 'base');
      await ok(tool, ['upgrade', 'rel', chart, '-n', ns, '--force-replace', '--server-side=false', '--set', 'a=3']);
      const live = await testClient().request<{ data: Record<string, string> }>('GET', `/api/v1/namespaces/${ns}/configmaps/base`);
      const error = refused.stderr.split('\n').find((line) => line.startsWith('Error:'));
      // helm replaces in place (PUT): the object keeps its uid.
      const uidKept = uidBefore !== undefined && uidBefore === await configMapUid(ns, 'base');
      return { refused: refused.code !== 0, error, a: live.data.a, uidKept, history: await history(tool, ns) };
    });
    assert.equal(result.helm.refused, true);
    assert.equal(result.helm.a, '3');
    assert.equal(result.helm.uidKept, true);
    assert.deepEqual(normalised(result.hookline), normalised(result.helm));
  });
});
