// Pure parts of hook control: reading hookline.dev/ hook annotations (defaults are Helm's
// behaviour), the retry backoff, cutting a log to its last bytes, and masking secret values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHookControl, retryDelayMs } from '../../src/manifest/hookline-annotations.ts';
import { maskSecrets } from '../../src/release/hook-log-masking.ts';
import { tailBytes } from '../../src/release/hook-kept-logs.ts';

test('no hookline.dev/ annotation: Helm\'s behaviour', () => {
  assert.deepEqual(parseHookControl({ 'helm.sh/hook': 'pre-install' }, 'x'), { retries: 0, retryBackoffMs: 1000, allowFailure: false, parallel: false, keptLogKiB: 16 });
});

test('every annotation read, with Go durations and case-insensitive booleans', () => {
  assert.deepEqual(parseHookControl({
    'hookline.dev/hook-timeout': '1m30s', 'hookline.dev/hook-retries': '3', 'hookline.dev/hook-retry-backoff': '250ms',
    'hookline.dev/hook-allow-failure': 'True', 'hookline.dev/hook-parallel': 'false', 'hookline.dev/hook-log-kib': '0',
  }, 'x'), { timeoutMs: 90_000, retries: 3, retryBackoffMs: 250, allowFailure: true, parallel: false, keptLogKiB: 0 });
});

test('unusable values name the object, the annotation and the fix', () => {
  assert.throws(() => parseHookControl({ 'hookline.dev/hook-timeout': '0s' }, 't.yaml (Job/j)'),
    { message: 't.yaml (Job/j): annotation hookline.dev/hook-timeout: "0s" is not longer than zero; give a positive duration, like "30s"' });
  assert.throws(() => parseHookControl({ 'hookline.dev/hook-parallel': 'yes' }, 'j'), { message: 'j: annotation hookline.dev/hook-parallel: "yes" is not a boolean; write "true" or "false"' });
  assert.throws(() => parseHookControl({ 'hookline.dev/hook-retries': '21' }, 'j'), /"21" is out of range; write a whole number from 0 to 20/);
  assert.throws(() => parseHookControl({ 'hookline.dev/hook-log-kib': '1024' }, 'j'), /"1024" is out of range; write a whole number from 0 to 256/);
});

test('the backoff doubles and stops at a minute', () => {
  const control = parseHookControl({ 'hookline.dev/hook-retry-backoff': '10s' }, 'x');
  assert.deepEqual([1, 2, 3, 4, 5].map((n) => retryDelayMs(control, n)), [10_000, 20_000, 40_000, 60_000, 60_000]);
});

test('a log is cut to its last bytes at a line start; short logs stay whole', () => {
  assert.deepEqual(tailBytes('one\ntwo\n', 100), { text: 'one\ntwo\n', truncated: false });
  assert.deepEqual(tailBytes('aaaa\nbbbb\ncccc\n', 8), { text: 'cccc\n', truncated: true });
  const cut = tailBytes('ééééé', 5);
  assert.equal(cut.truncated, true);
  assert.ok(Buffer.byteLength(cut.text) <= 5 && !cut.text.includes('\uFFFD'), `no broken character: ${JSON.stringify(cut.text)}`);
});

test('secret values are masked everywhere, the longest first', () => {
  assert.equal(maskSecrets('pw=hunter22 and again hunter22; prefix hunter', ['hunter22', 'hunter']), 'pw=**** and again ****; prefix ****');
});
