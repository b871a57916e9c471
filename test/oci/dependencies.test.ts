// Chart dependencies from a registry (`repository: oci://...`): `dependency update` and
// `build` by Hookline and by helm v4 lock the same versions and fill charts/ with the same
// archives, from a real TLS registry with basic auth.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRegistry, type TestRegistry } from '../support/registry.ts';
import { loggedInHomes, ok, packagedChart, run, type Tool } from './tools.ts';

let registry: TestRegistry;
let tls: string[];
let parent = '';
let homes: Record<Tool, NodeJS.ProcessEnv>;

before(async () => {
  registry = await startRegistry();
  tls = ['--ca-file', registry.caFile!];
  homes = loggedInHomes(registry);
  for (const version of ['1.0.0', '1.1.0', '2.0.0']) {
    ok('helm', ['push', packagedChart(join(registry.workDir, `lib-${version}`), 'library', version), `oci://${registry.host}/deps`, ...tls], homes.helm);
  }
  parent = join(registry.workDir, 'parent');
  mkdirSync(join(parent, 'templates'), { recursive: true });
  writeFileSync(join(parent, 'Chart.yaml'), [
    'apiVersion: v2', 'name: parent', 'version: 0.1.0', 'dependencies:',
    '  - name: library', '    version: "^1.0.0"', `    repository: oci://${registry.host}/deps`,
    '  - name: library', '    alias: pinned', '    version: 2.0.0', `    repository: oci://${registry.host}/deps`, '',
  ].join('\n'));
  writeFileSync(join(parent, 'templates', 'note.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: parent\n');
});

after(() => registry.stop());

/** A copy of the parent chart for one tool and command. */
function chartCopy(name: string): string {
  const dir = join(registry.workDir, 'copies', name);
  rmSync(dir, { recursive: true, force: true });
  cpSync(parent, dir, { recursive: true });
  return dir;
}

const lockWithoutTime = (dir: string) => readFileSync(join(dir, 'Chart.lock'), 'utf8').replace(/^generated: .*$/m, '');
const archives = (dir: string) => Object.fromEntries(readdirSync(join(dir, 'charts')).sort().map((f) => [f, readFileSync(join(dir, 'charts', f)).toString('base64')]));

describe('dependencies from oci://', () => {
  test('dependency update locks and downloads what helm does', () => {
    const [helmDir, hooklineDir] = [chartCopy('update-helm'), chartCopy('update-hookline')];
    const helm = ok('helm', ['dependency', 'update', helmDir, ...tls], homes.helm);
    const hookline = ok('hookline', ['dependency', 'update', hooklineDir, ...tls], homes.hookline);
    assert.equal(lockWithoutTime(hooklineDir), lockWithoutTime(helmDir));
    assert.match(lockWithoutTime(hooklineDir), /version: 1\.1\.0/);
    assert.deepEqual(archives(hooklineDir), archives(helmDir));
    assert.deepEqual(Object.keys(archives(hooklineDir)), ['library-1.1.0.tgz', 'library-2.0.0.tgz']);
    assert.equal(hookline.stdout, helm.stdout);
    assert.equal(hookline.stderr, helm.stderr);
    assert.match(hookline.stderr, /^Pulled: /);
  });

  test('dependency build from a lock helm wrote, then both render the parent alike', () => {
    const source = chartCopy('lock-source');
    ok('helm', ['dependency', 'update', source, ...tls], homes.helm);
    const dir = chartCopy('build-hookline');
    cpSync(join(source, 'Chart.lock'), join(dir, 'Chart.lock'));
    ok('hookline', ['dependency', 'build', dir, ...tls], homes.hookline);
    assert.deepEqual(archives(dir), archives(source));
    assert.equal(ok('hookline', ['template', 'r', dir], homes.hookline).stdout, ok('helm', ['template', 'r', dir], homes.helm).stdout);
  });

  test('a range no tag satisfies fails and leaves charts/ absent', () => {
    const dir = chartCopy('missing');
    writeFileSync(join(dir, 'Chart.yaml'), readFileSync(join(dir, 'Chart.yaml'), 'utf8').replace('"^1.0.0"', '"^7.0.0"'));
    const result = run('hookline', ['dependency', 'update', dir, ...tls], homes.hookline);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /could not locate a version matching provided version string \^7\.0\.0/);
    assert.deepEqual(readdirSync(dir).sort(), ['Chart.yaml', 'templates']);
  });
});
