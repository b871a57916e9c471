// helm's global flags taken out of the arguments wherever they stand, into the environment
// variables helm reads, with pflag's forms (--flag value, --flag=value, -n value, -nvalue).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { colorMode, debugEnabled, takeGlobalFlags } from '../../src/cli/global-flags.ts';

const argv = (...args: string[]) => ['node', 'hookline', ...args];

test('flags before, between and after the command are taken out, the rest kept in order', () => {
  const env: NodeJS.ProcessEnv = {};
  const rest = takeGlobalFlags(argv('-n', 'ns1', 'install', '--kubeconfig=/k', 'rel', 'chart', '--set', 'a=1', '--kube-context', 'ctx', '--debug'), env);
  assert.deepEqual(rest, argv('install', 'rel', 'chart', '--set', 'a=1'));
  assert.deepEqual(env, { HELM_NAMESPACE: 'ns1', KUBECONFIG: '/k', HELM_KUBECONTEXT: 'ctx', HELM_DEBUG: 'true' });
  assert.equal(debugEnabled(env), true);
});

test('short flags with attached values, repeated groups, booleans with values, and a "--" stops the scan', () => {
  const env: NodeJS.ProcessEnv = {};
  const rest = takeGlobalFlags(argv('-nfoo', 'list', '--kube-as-group', 'a', '--kube-as-group=b', '--debug=false', '--', '-n', 'kept'), env);
  assert.deepEqual(rest, argv('list', '--', '-n', 'kept'));
  assert.equal(env.HELM_NAMESPACE, 'foo');
  assert.equal(env.HELM_KUBEASGROUPS, 'a,b');
  assert.equal(debugEnabled(env), false);
});

test('a flag overrides its variable; values helm refuses are refused with pflag\'s words', () => {
  const env: NodeJS.ProcessEnv = { HELM_NAMESPACE: 'from-env' };
  takeGlobalFlags(argv('status', 'r', '--namespace', 'from-flag'), env);
  assert.equal(env.HELM_NAMESPACE, 'from-flag');
  assert.throws(() => takeGlobalFlags(argv('list', '--burst-limit', 'many'), {}), /invalid argument "many" for "--burst-limit" flag: strconv.ParseInt/);
  assert.throws(() => takeGlobalFlags(argv('list', '--qps', 'fast'), {}), /invalid argument "fast" for "--qps" flag: strconv.ParseFloat/);
  assert.throws(() => takeGlobalFlags(argv('list', '--debug=maybe'), {}), /strconv.ParseBool: parsing "maybe"/);
  assert.throws(() => takeGlobalFlags(argv('list', '-n'), {}), /flag needs an argument: --namespace/);
});

test('colour mode: NO_COLOR wins, --color sets HELM_COLOR, an unknown HELM_COLOR counts as auto', () => {
  const env: NodeJS.ProcessEnv = {};
  takeGlobalFlags(argv('list', '--color', 'always'), env);
  assert.equal(colorMode(env), 'always');
  assert.equal(colorMode({ ...env, NO_COLOR: '1' }), 'never');
  assert.equal(colorMode({ HELM_COLOR: 'purple' }), 'auto');
  assert.throws(() => takeGlobalFlags(argv('list', '--colour', 'purple'), {}), /invalid color mode "purple"/);
});
