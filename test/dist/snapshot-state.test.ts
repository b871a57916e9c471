// The executable starts from a V8 start-up snapshot made at build time (scripts/snapshot-entry.ts):
// everything a run depends on must come from the run, not from the build. Random numbers,
// the clock, the local zone, the environment, the working directory, the HTTP stack (kept out
// of the snapshot by stand-ins) and the DNS worker, each checked on the built executable.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ok, projectRoot, run } from './smoke.ts';
import { runProcess } from '../support/run-process.ts';
import { buildRepositoryFolder, serveFolder } from '../repo/repo-harness.ts';
import { watchRunTimeState } from '../../scripts/snapshot-state-guard.ts';
import { v8StartFlags } from '../../scripts/bundle.ts';
import { v8TieringFlags } from '../../scripts/v8-flags.ts';

const executable = join(projectRoot, 'dist', 'hookline');
// The Node 24 binary the executable is cut from (the `node` devDependency).
const pinnedNode = join(dirname(createRequire(import.meta.url).resolve('node/package.json')), 'bin', 'node');
const scratch = mkdtempSync(join(tmpdir(), 'hookline-snapshot-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const baseEnv = { PATH: '/usr/bin:/bin', HOME: scratch };

before(() => {
  ok(process.execPath, [join(projectRoot, 'scripts', 'build-exe.ts')], { cwd: projectRoot });
});

/** A chart folder under the scratch folder with one template `templates/t.yaml`. */
function chartWith(name: string, template: string): string {
  const dir = join(scratch, name);
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`);
  writeFileSync(join(dir, 'templates', 't.yaml'), template);
  return dir;
}

/** The rendered document's `key: value` lines as an object (the chart's template prints them). */
function renderedFields(chart: string, env: NodeJS.ProcessEnv = {}, args: string[] = []): Record<string, string> {
  const out = ok(executable, ['template', 'r', chart, ...args], { env: { ...baseEnv, ...env } });
  return Object.fromEntries([...out.matchAll(/^(\w+): (.*)$/gm)].map((m) => [m[1], m[2]]));
}

test('random values of templates differ from run to run (crypto is read at run time)', () => {
  const chart = chartWith('random', [
    'password: {{ randAlphaNum 16 }}', 'letters: {{ randAlpha 16 }}', 'uuid: {{ uuidv4 }}', 'bytes: {{ randBytes 12 }}',
    'shuffled: {{ shuffle "abcdefghijklmnopqrstuvwxyz" }}', 'number: {{ randInt 0 1000000000 }}', '',
  ].join('\n'));
  const runs = [renderedFields(chart), renderedFields(chart), renderedFields(chart)];
  for (const key of ['password', 'letters', 'uuid', 'bytes', 'shuffled', 'number']) {
    assert.equal(new Set(runs.map((r) => r[key])).size, 3, `${key} repeated across runs: ${runs.map((r) => r[key]).join(' ')}`);
  }
});

test('Math.random is seeded anew after a snapshot is deserialized (a probe snapshot of the same Node and flags)', () => {
  // The executable's only Math.random is getHostByName's pick among several addresses of one
  // name; a probe snapshot shows that V8 reseeds it. (crypto.randomInt and randomUUID keep a
  // buffer of random bytes in the heap: a call while building would repeat in every run, which
  // is why the build's guard refuses them; see the last test.)
  const probe = join(scratch, 'probe.cjs');
  writeFileSync(probe, [
    "const v8 = require('node:v8');",
    'const atBuild = Math.random();',
    'v8.startupSnapshot.setDeserializeMainFunction(() => console.log(atBuild, Math.random()));', '',
  ].join('\n'));
  const blob = join(scratch, 'probe.blob');
  const flags = ['--stack-size=7000', ...v8StartFlags, ...v8TieringFlags];
  ok(pinnedNode, [...flags, '--snapshot-blob', blob, '--build-snapshot', probe]);
  const runs = [0, 1, 2].map(() => ok(pinnedNode, [...flags, '--snapshot-blob', blob]).trim().split(' '));
  assert.equal(new Set(runs.map((r) => r[0])).size, 1, 'the build-time value is kept');
  const values = runs.map((r) => r[1]);
  assert.equal(new Set(values).size, 3, `Math.random repeated across runs: ${values.join(' ')}`);
  assert.ok(!values.includes(runs[0][0]), 'Math.random gave the value it gave at build time');
});

test('now is the time of the run, in the zone TZ names at run time', () => {
  const chart = chartWith('clock', 'epoch: {{ now | unixEpoch }}\noffset: {{ now | date "-07:00" }}\nzone: {{ now | date "MST" }}\n');
  const before = Math.floor(Date.now() / 1000);
  const utc = renderedFields(chart, { TZ: 'UTC' });
  const after = Math.ceil(Date.now() / 1000);
  assert.ok(Number(utc.epoch) >= before && Number(utc.epoch) <= after, `now ${utc.epoch} outside the run (${before}..${after})`);
  assert.deepEqual([utc.offset, utc.zone], ['+00:00', 'UTC']);
  const tokyo = renderedFields(chart, { TZ: 'Asia/Tokyo' });
  assert.deepEqual([tokyo.offset, tokyo.zone], ['+09:00', 'JST']);
  const kolkata = renderedFields(chart, { TZ: 'Asia/Kolkata' });
  assert.deepEqual([kolkata.offset, kolkata.zone], ['+05:30', 'IST']);
});

test('the environment, HOME and the working directory are those of the run', () => {
  const chart = chartWith('env', 'namespace: {{ .Release.Namespace }}\nvalue: {{ .Values.greeting }}\n');
  writeFileSync(join(scratch, 'values-here.yaml'), 'greeting: from-the-cwd\n');
  const out = ok(executable, ['template', 'r', './env', '-f', 'values-here.yaml'], { cwd: scratch, env: { ...baseEnv, HELM_NAMESPACE: 'from-env' } });
  assert.match(out, /^namespace: from-env$/m);
  assert.match(out, /^value: from-the-cwd$/m);

  const home = join(scratch, 'home-a');
  const env = ok(executable, ['env'], { env: { PATH: baseEnv.PATH, HOME: home, XDG_DATA_HOME: join(scratch, 'xdg-data') } });
  assert.match(env, new RegExp(`^HELM_CACHE_HOME="${home}/\\.cache/helm"$`, 'm'));
  assert.match(env, new RegExp(`^HELM_DATA_HOME="${scratch}/xdg-data/helm"$`, 'm'));
  const relative = run(executable, ['template', 'r', './no-such-chart'], { cwd: scratch, env: baseEnv });
  assert.equal(relative.code, 1);
  assert.match(relative.stderr, /no-such-chart/);
});

test('repo add and a template from the repository go over HTTP (the HTTP stack loads at run time)', async (t) => {
  const server = await serveFolder(buildRepositoryFolder());
  t.after(() => server.close());
  const homes = { HELM_CONFIG_HOME: join(scratch, 'repo-config'), HELM_CACHE_HOME: join(scratch, 'repo-cache'), HELM_DATA_HOME: join(scratch, 'repo-data') };
  const hookline = (args: string[]) => runProcess(executable, args, { env: { ...baseEnv, ...homes } });
  const added = await hookline(['repo', 'add', 'local', server.url]);
  assert.equal(added.code, 0, added.stderr);
  assert.match(added.stdout, /"local" has been added to your repositories/);
  assert.match(readFileSync(join(homes.HELM_CONFIG_HOME, 'repositories.yaml'), 'utf8'), new RegExp(`url: ${server.url}`));
  const rendered = await hookline(['template', 'r', 'local/render-basics', '--version', '1.2.3']);
  assert.equal(rendered.code, 0, rendered.stderr);
  assert.match(rendered.stdout, /^# Source: render-basics\//m);
  assert.ok(server.requests.some((r) => r.path.endsWith('.tgz')), 'the chart archive was downloaded');
});

test('--enable-dns resolves through its worker thread', () => {
  const chart = chartWith('dns', 'address: {{ getHostByName "localhost" }}\n');
  assert.equal(renderedFields(chart, {}, ['--enable-dns']).address, '127.0.0.1');
});

test('the build-time guard records reads of run-time state by the bundle\'s code, and only while watching', () => {
  const originalDate = Date;
  const guard = watchRunTimeState(new Set(['process.env.ALLOWED_AT_BUILD']));
  void process.env.SOME_SETTING;
  void process.env.ALLOWED_AT_BUILD;
  void new Date();
  void new Date(0);
  void Math.random();
  // The module's own exports, as the bundle's require() gets them (an ES import binds the original).
  void (process.getBuiltinModule('node:crypto') as typeof import('node:crypto')).randomInt(10);
  void process.hrtime.bigint();
  void 'a'.localeCompare('b');
  void new Intl.NumberFormat();
  const reads = guard.stop().map((r) => r.split('\n')[0]);
  assert.deepEqual(reads, ['process.env.SOME_SETTING', 'new Date()', 'Math.random()', 'crypto.randomInt()', 'process.hrtime.bigint()',
    'String.prototype.localeCompare()', 'new Intl.NumberFormat()']);
  assert.equal(Date, originalDate, 'the originals are back');
  void process.env.SOME_SETTING;
});
