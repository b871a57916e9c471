// Secrets never printed: a chart with Secret data (data and stringData, in a resource and in a
// hook) and a hook environment value that the hook itself echoes is planned, installed and
// upgraded (successfully and with a failing hook) through the CLI on the test cluster; no output
// (stdout, stderr, -o json events, the HTML report) holds any secret value, plain or base64.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { hookline, jsonEvents, ofType, scenarioNamespace, type CliResult } from '../observe/cli.ts';

const chartDir = join(import.meta.dirname, 'charts', 'with-secrets');
const release = 'vault';
const secret = (what: string) => `${what}-${randomBytes(6).toString('hex')}`;
const first = { password: secret('pw1'), token: secret('tok1'), hookKey: secret('hk1'), apiKey: secret('ak1') };
const second = { password: secret('pw2'), token: secret('tok2'), hookKey: secret('hk2'), apiKey: secret('ak2') };
const allSecrets = [...Object.values(first), ...Object.values(second)];

let namespace = '';
let cleanup: () => Promise<void> = async () => {};
const reportDir = mkdtempSync(join(tmpdir(), 'hookline-secrets-'));

before(async () => {
  ({ namespace, cleanup } = await scenarioNamespace('secrets'));
});
after(async () => {
  await cleanup();
  rmSync(reportDir, { recursive: true, force: true });
});

const sets = (values: Record<string, string>, extra: string[] = []) =>
  [...Object.entries(values).flatMap(([k, v]) => ['--set', `${k}=${v}`]), ...extra];

/** Fails naming the output and the secret when any secret shows up in it, plain or base64. */
function assertNoSecret(what: string, text: string): void {
  for (const value of allSecrets) {
    for (const form of [value, Buffer.from(value).toString('base64')]) {
      assert.ok(!text.includes(form), `${what} shows the secret ${form}:\n${text}`);
    }
  }
}

function assertClean(what: string, result: CliResult, report?: string): void {
  assertNoSecret(`${what} stdout`, result.stdout);
  assertNoSecret(`${what} stderr`, result.stderr);
  if (report) assertNoSecret(`${what} report`, readFileSync(report, 'utf8'));
}

test('install: -o json events, the result and the HTML report hold no secret', async () => {
  const report = join(reportDir, 'install.html');
  const result = await hookline(namespace, ['install', release, chartDir, ...sets(first), '-o', 'json', '--report', report]);
  assert.equal(result.code, 0, result.stderr);
  assertClean('install', result, report);
  // The Secrets really were created (hook and resource): the masking is in the output only.
  const events = jsonEvents(result.stdout);
  assert.ok(ofType(events, 'hook-created').some((e) => e.hook.name === `${release}-hook-key`), 'the hook Secret is named in the events');
  assert.ok(ofType(events, 'resource-applied').some((e) => e.name === `${release}-credentials`), 'the Secret is named in the events');
  const resultLine = JSON.parse(result.stdout.trimEnd().split('\n').at(-1)!) as { release: { manifest: string } };
  assert.match(resultLine.release.manifest, /password: "REDACTED # \(\d+ bytes\)"/);
});

test('plan upgrade: the diff says which Secret keys change, never their values', async () => {
  const result = await hookline(namespace, ['plan', 'upgrade', release, chartDir, ...sets({ ...first, password: second.password })]);
  assert.equal(result.code, 0, result.stderr);
  assertClean('plan upgrade', result);
  assert.match(result.stdout, new RegExp(`update +Secret/${release}-credentials`));
  assert.match(result.stdout, /-\s+password: "-------- # \(\d+ bytes\)"/);
  assert.match(result.stdout, /\+\s+password: "\+\+\+\+\+\+\+\+ # \(\d+ bytes\)"/);
  assert.doesNotMatch(result.stdout, /[-+]\s+token:/, 'an unchanged key is not part of the diff');
  const json = await hookline(namespace, ['plan', 'upgrade', release, chartDir, ...sets(second), '-o', 'json']);
  assert.equal(json.code, 0, json.stderr);
  assertClean('plan upgrade -o json', json);
});

test('upgrade: a hook that echoes its secret environment shows it redacted in progress and report', async () => {
  const report = join(reportDir, 'upgrade.html');
  const result = await hookline(namespace, ['upgrade', release, chartDir, ...sets(second), '--hook-logs', '--report', report]);
  assert.equal(result.code, 0, result.stderr);
  assertClean('upgrade', result, report);
  assert.match(result.stderr, /using key \[REDACTED\]/, 'the hook\'s log line is shown, with the key replaced');
});

test('a failing hook: its log tail, the error and the -o json events hold no secret', async () => {
  const report = join(reportDir, 'failed.html');
  const result = await hookline(namespace, ['upgrade', release, chartDir, ...sets(second, ['--set', 'hookFails=true']), '-o', 'json', '--report', report]);
  assert.equal(result.code, 1, 'the upgrade fails on its pre-upgrade hook');
  assertClean('failed upgrade', result, report);
  const failed = ofType(jsonEvents(result.stdout), 'hook-finished').find((e) => e.failure);
  assert.ok(failed?.failure, 'the failing hook is reported');
  assert.equal(failed.hook.name, `${release}-check`);
  assert.ok(failed.failure.logTail.includes('rejected [REDACTED]'), `log tail: ${JSON.stringify(failed.failure.logTail)}`);
  const text = await hookline(namespace, ['upgrade', release, chartDir, ...sets(second, ['--set', 'hookFails=true'])]);
  assert.equal(text.code, 1);
  assertClean('failed upgrade (terminal)', text);
  assert.match(text.stderr, /Error: UPGRADE FAILED: /);
});

test('get hook-logs: the kept logs of a hook that echoed its environment hold no secret', async () => {
  for (const revision of ['2', '3']) {
    for (const output of ['text', 'json']) {
      const result = await hookline(namespace, ['get', 'hook-logs', release, '--revision', revision, '-o', output]);
      assert.equal(result.code, 0, result.stderr);
      assertClean(`get hook-logs --revision ${revision} -o ${output}`, result);
      // The hook's line is kept, with the key masked: the masking hid the value, not the log.
      assert.match(result.stdout, /using key \*\*\*\*/, `revision ${revision} -o ${output}:\n${result.stdout}`);
    }
  }
  const failed = await hookline(namespace, ['get', 'hook-logs', release, '--revision', '3']);
  assert.match(failed.stdout, /rejected \*\*\*\*/, 'the failing hook\'s own line is kept, masked');
});
