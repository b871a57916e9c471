// `list` with its flags, differential: helm v4 writes releases in two namespaces (upgraded,
// uninstalled with --keep-history, labelled), then both tools list them with the same flags
// and must print the same thing with the same exit status.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { freshNamespace, testClient } from '../support/cluster.ts';
import { runBothTools, writeChart } from '../support/cli-differential.ts';
import { dropNamespace, runHelm } from '../support/lifecycle-harness.ts';

const chart = writeChart({
  'Chart.yaml': 'apiVersion: v2\nname: listed\nversion: 0.3.0\nappVersion: "2.1"\n',
  'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  rev: "{{ .Release.Revision }}"\n',
});

// Names unique to this run, so -A (which sees every test's releases) can be narrowed by --filter.
const prefix = `ls${randomBytes(2).toString('hex')}`;
const only = ['-f', `^${prefix}-`];
let first = '';
let second = '';

before(async () => {
  first = await freshNamespace(testClient(), 'ls-one');
  second = await freshNamespace(testClient(), 'ls-two');
  const steps: string[][] = [
    ['install', `${prefix}-alpha`, chart, '-n', first, '--labels', 'team=blue'],
    ['upgrade', `${prefix}-alpha`, chart, '-n', first],
    ['upgrade', `${prefix}-alpha`, chart, '-n', first],
    ['install', `${prefix}-beta`, chart, '-n', first, '--labels', 'team=red'],
    ['install', `${prefix}-gamma`, chart, '-n', first],
    ['uninstall', `${prefix}-gamma`, '-n', first, '--keep-history'],
    ['install', `${prefix}-delta`, chart, '-n', second, '--labels', 'team=blue'],
    ['install', `${prefix}-epsilon`, chart, '-n', second],
  ];
  for (const args of steps) {
    const run = await runHelm(args);
    assert.equal(run.code, 0, `helm ${args.join(' ')}: ${run.stderr}`);
  }
});

after(async () => {
  rmSync(chart, { recursive: true, force: true });
  await Promise.all([first, second].map((ns) => dropNamespace(testClient(), ns)));
});

describe('list prints what helm prints', { concurrency: 4 }, () => {
  const cases: Array<[string, () => string[]]> = [
    ['one namespace', () => ['-n', first]],
    ['a namespace without releases', () => ['-n', 'kube-node-lease']],
    ['-A', () => ['-A', ...only]],
    ['--all-namespaces -o json', () => ['--all-namespaces', ...only, '-o', 'json']],
    ['-A -o yaml', () => ['-A', ...only, '-o', 'yaml']],
    ['--superseded considers every revision', () => ['-n', first, '--superseded']],
    ['--superseded --deployed only latest revisions', () => ['-n', first, '--superseded', '--deployed']],
    ['--uninstalled', () => ['-n', first, '--uninstalled']],
    ['--deployed', () => ['-A', ...only, '--deployed']],
    ['--failed (none)', () => ['-n', first, '--failed']],
    ['--max 2', () => ['-A', ...only, '--max', '2']],
    ['--max 2 --offset 1', () => ['-A', ...only, '-m', '2', '--offset', '1']],
    ['--offset past the end', () => ['-A', ...only, '--offset', '10']],
    ['-r', () => ['-A', ...only, '-r']],
    ['-d', () => ['-A', ...only, '-d']],
    ['-d -r', () => ['-A', ...only, '-d', '-r']],
    ['--no-headers', () => ['-A', ...only, '--no-headers']],
    ['-l team=blue', () => ['-A', ...only, '-l', 'team=blue']],
    ['-l team!=blue', () => ['-A', ...only, '-l', 'team!=blue']],
    ['-l status=deployed (a storage label)', () => ['-A', ...only, '--selector', 'status=deployed']],
    ['-l team (exists)', () => ['-A', ...only, '-l', 'team']],
    ['--time-format', () => ['-A', ...only, '--time-format', '2006-01-02 15:04:05Z0700']],
    ['-q', () => ['-A', ...only, '-q']],
    ['-q -o json', () => ['-A', ...only, '-q', '-o', 'json']],
    ['-q -o yaml', () => ['-A', ...only, '-q', '-o', 'yaml']],
    ['--max abc', () => ['-n', first, '--max', 'abc']],
  ];
  for (const [what, args] of cases) {
    test(what, async () => {
      const run = await runBothTools(() => ['list', ...args()]);
      assert.equal(run.hookline.code, run.helm.code, run.hookline.stderr);
      assert.equal(run.hookline.stdout, run.helm.stdout);
    });
  }

  test('the listing is not trivially empty', async () => {
    const run = await runBothTools(() => ['list', '-A', ...only, '-q']);
    assert.deepEqual(run.helm.stdout.trim().split('\n').sort(), [`${prefix}-alpha`, `${prefix}-beta`, `${prefix}-delta`, `${prefix}-epsilon`, `${prefix}-gamma`]);
  });
});
