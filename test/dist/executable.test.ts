// The single executable (`npm run build:exe`), run with a PATH that holds no Node at all,
// through the smoke suite.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ok, projectRoot, run, smokeSuite, type Hookline } from './smoke.ts';

const executable = join(projectRoot, 'dist', 'hookline');
// An empty directory as the whole PATH: no node, no npm, nothing to fall back on.
const emptyPath = mkdtempSync(join(tmpdir(), 'hookline-no-node-'));
after(() => rmSync(emptyPath, { recursive: true, force: true }));
const hookline: Hookline = (args, cwd) => run(executable, args, { cwd, env: { HOME: process.env.HOME, PATH: emptyPath } });

before(() => {
  ok(process.execPath, [join(projectRoot, 'scripts', 'build-exe.ts')], { cwd: projectRoot });
});

test('the executable finds no node on its PATH and still runs', () => {
  const probe = run(executable, ['version', '--template', '{{.GoVersion}}'], { env: { PATH: emptyPath } });
  assert.equal(probe.code, 0, probe.stderr);
  assert.match(probe.stdout, /^node24\./);
  assert.equal(probe.stderr, '', 'no warning (an experimental-feature notice or a rejected code cache) on stderr');
});

test('a NODE_OPTIONS meant for Node does not reach the executable', () => {
  const result = run(executable, ['version', '--short'], { env: { PATH: emptyPath, NODE_OPTIONS: '--require ./no-such-preload.js' } });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^v\d+\.\d+\.\d+\+g[0-9a-f]{7}\n$/);
});

smokeSuite(() => hookline, /^node24\./);
