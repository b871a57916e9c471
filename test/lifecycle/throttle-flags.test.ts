// --qps and --burst-limit reach the client: the settings client-go refuses fail each command that
// talks to the cluster with helm's words (compared with helm v4), and a throttled install's
// requests reach the API server no faster than the token bucket lets them (read from the
// apiserver's audit log: a lower bound the throttle guarantees, so a slow machine cannot fail it).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { freshNamespace, testClient } from '../support/cluster.ts';
import { comparable, errorLine, runBothTools, runTool, writeChart } from '../support/cli-differential.ts';
import { dropNamespace } from '../support/lifecycle-harness.ts';

const configMaps = 6;
const chart = writeChart({
  'Chart.yaml': 'apiVersion: v2\nname: throttled\nversion: 0.1.0\n',
  'templates/cms.yaml': Array.from({ length: configMaps }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-${i}\n`).join('---\n'),
});

const namespaces: string[] = [];
after(async () => {
  rmSync(chart, { recursive: true, force: true });
  await Promise.all(namespaces.map((ns) => dropNamespace(testClient(), ns)));
});

/** Microseconds since the epoch of an audit timestamp ("2026-01-02T03:04:05.123456Z"). */
function auditMicros(stamp: string): number {
  const [whole, fraction = '0'] = stamp.replace(/Z$/, '').split('.');
  return Date.parse(`${whole}Z`) * 1000 + Number(fraction.padEnd(6, '0').slice(0, 6));
}

/** When the API server received each create that Hookline sent into the namespace, in order. */
function hooklineCreates(namespace: string): number[] {
  const path = process.env.HOOKLINE_TEST_AUDIT_LOG;
  if (!path) throw new Error('HOOKLINE_TEST_AUDIT_LOG is not set: run the suite with `npm test` (it starts the local cluster and its audit log)');
  return readFileSync(path, 'utf8').split('\n').filter((line) => line.includes(`/namespaces/${namespace}/`)).map((line) => JSON.parse(line))
    .filter((e) => e.verb === 'create' && e.userAgent === 'hookline' && e.objectRef?.namespace === namespace)
    .map((e) => auditMicros(e.requestReceivedTimestamp)).sort((a, b) => a - b);
}

describe('--qps and --burst-limit as helm', () => {
  test('settings client-go refuses fail every cluster command as helm\'s do', async () => {
    const ns = await freshNamespace(testClient(), 'thr-err');
    namespaces.push(ns);
    const commands = [
      ['list'], ['status', 'r'], ['history', 'r'], ['get', 'values', 'r'], ['install', 'r', chart], ['upgrade', 'r', chart],
      ['upgrade', '--install', 'r', chart], ['uninstall', 'r'], ['rollback', 'r', '1'], ['test', 'r'],
    ];
    const settings: Array<{ args: string[]; env?: Record<string, string> }> = [
      { args: ['--burst-limit', '-1'] }, { args: ['--qps', '1', '--burst-limit', '0'] }, { args: [], env: { HELM_BURST_LIMIT: '-4' } },
    ];
    for (const setting of settings) {
      for (const command of commands) {
        const run = await runBothTools(() => [...command, '-n', ns, ...setting.args], { env: setting.env });
        const what = `${command.join(' ')} ${setting.args.join(' ')} ${JSON.stringify(setting.env ?? {})}`;
        assert.equal(run.helm.code, 1, `${what}: ${run.helm.stdout}`);
        assert.equal(run.hookline.code, run.helm.code, `${what}: ${run.hookline.stderr}`);
        assert.equal(comparable(errorLine(run.hookline.stderr), ns), comparable(errorLine(run.helm.stderr), ns), what);
        assert.match(errorLine(run.helm.stderr), /burst/, what);
      }
    }
    const left = await testClient().request('GET', `/api/v1/namespaces/${ns}/configmaps`);
    assert.deepEqual(left.items.map((cm: { metadata: { name: string } }) => cm.metadata.name), ['kube-root-ca.crt']);
  });

  test('with --qps 5 --burst-limit 1 the creates reach the server at least 200 ms apart (one token each)', async () => {
    const ns = await freshNamespace(testClient(), 'thr-rate');
    namespaces.push(ns);
    // Client-side creates (the audit log records creates, not server-side apply's patches).
    const run = await runTool('hookline', ['install', 'r', chart, '-n', ns, '--server-side', 'false', '--qps', '5', '--burst-limit', '1', '--quiet']);
    assert.equal(run.code, 0, run.stderr);
    // The release record and each ConfigMap; the audit log is written as responses complete.
    let creates = hooklineCreates(ns);
    for (const deadline = Date.now() + 60_000; creates.length < configMaps + 1 && Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 100));
      creates = hooklineCreates(ns);
    }
    assert.ok(creates.length >= configMaps + 1, `${creates.length} creates in the audit log`);
    // Request k cannot be sent before k intervals after the first was; the first one's own
    // latency (up to one interval) is allowed for.
    const spanMicros = creates[creates.length - 1] - creates[0];
    assert.ok(spanMicros >= (creates.length - 2) * 200_000, `${creates.length} creates within ${spanMicros / 1000} ms`);
  });
});
