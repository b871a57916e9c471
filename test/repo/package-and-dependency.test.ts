// `dependency list|update|build` and `package` through helm v4 and Hookline on copies of one
// parent chart (repository, @name, unmanaged URL and file:// dependencies, an alias and a
// condition): same output, Chart.lock and charts/; and what one packages, both render alike.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildRepositoryFolder, helm, helmHomes, hookline, serveFolder, tempDir, type Run, type StaticServer } from './repo-harness.ts';

let server: StaticServer;
let unmanaged: StaticServer;

before(async () => {
  const folder = buildRepositoryFolder();
  server = await serveFolder(folder);
  unmanaged = await serveFolder(folder);
});
after(async () => {
  await Promise.all([server.close(), unmanaged.close()]);
});

function writeChart(dir: string, chartYaml: string, templates: Record<string, string>): void {
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), chartYaml);
  for (const [name, text] of Object.entries(templates)) writeFileSync(join(dir, 'templates', name), text);
}

/** A folder with parent/ and the file:// dependency local/; returns the parent's path. */
function parentChart(): string {
  const root = tempDir('parent');
  writeChart(join(root, 'local'), 'apiVersion: v2\nname: local\nversion: 0.4.0\n', { 'cm.yaml': 'kind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-local\n' });
  writeChart(join(root, 'parent'), [
    'apiVersion: v2', 'name: parent', 'version: 1.0.0', 'dependencies:',
    `- name: render-basics\n  version: "~1.2"\n  repository: ${server.url}\n  alias: basics\n  condition: basics.enabled`,
    '- name: lifecycle-hooks\n  version: ">=0.1.0 <0.3.0"\n  repository: "@charts"',
    `- name: render-files\n  version: "*"\n  repository: ${unmanaged.url}/`,
    '- name: local\n  version: 0.4.x\n  repository: file://../local',
  ].join('\n') + '\n', { 'parent.yaml': 'kind: Parent\nmetadata:\n  name: {{ .Release.Name }}\n' });
  writeFileSync(join(root, 'parent', 'values.yaml'), 'basics:\n  enabled: true\n');
  return join(root, 'parent');
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const maskGenerated = (text: string) => text.replace(/^generated: .*$/m, 'generated: T');

async function transcript(tool: typeof helm, env: NodeJS.ProcessEnv, chart: string, steps: string[][]): Promise<string> {
  let out = '';
  for (const args of steps) {
    const r: Run = await tool(args.map((a) => a.replace('CHART', chart)), env);
    out += `$ ${args.join(' ')}\n${r.stdout}${r.stderr}exit ${r.code}\n`;
  }
  // Repositories are refreshed in parallel; the chart's own path differs between the copies.
  return out.replaceAll(chart, 'CHART').replace(/(?:\.\.\.(?:Successfully|Unable)[^\n]*\n)+/g, (b) => b.split('\n').filter(Boolean).sort().join('\n') + '\n');
}

describe('dependency commands compared with helm', () => {
  test('list, update, build: same output, Chart.lock and downloaded archives', async () => {
    const steps = [
      ['dependency', 'list', 'CHART'],
      ['dependency', 'build', 'CHART'],
      ['dependency', 'list', 'CHART'],
      ['dependency', 'update', 'CHART', '--skip-refresh'],
      ['dep', 'build', 'CHART', '--skip-refresh'],
      ['template', 'x', 'CHART'],
      ['template', 'x', 'CHART', '--set', 'basics.enabled=false'],
    ];
    const [hc, kc] = [parentChart(), parentChart()];
    const [he, ke] = [helmHomes(tempDir('h')), helmHomes(tempDir('k'))];
    for (const [tool, env] of [[helm, he], [hookline, ke]] as const) assert.equal((await tool(['repo', 'add', 'charts', server.url], env)).code, 0);
    const [h, k] = [await transcript(helm, he, hc, steps), await transcript(hookline, ke, kc, steps)];
    assert.equal(k, h);
    assert.match(k, /Downloading render-files from repo http:/);
    assert.equal(maskGenerated(readFileSync(join(kc, 'Chart.lock'), 'utf8')), maskGenerated(readFileSync(join(hc, 'Chart.lock'), 'utf8')));
    const archives = (dir: string) => readdirSync(join(dir, 'charts')).sort();
    assert.deepEqual(archives(kc), archives(hc));
    for (const f of archives(kc).filter((f) => !f.startsWith('local-'))) assert.equal(sha(join(kc, 'charts', f)), sha(join(hc, 'charts', f)), f);
    // The unmanaged repository's index is cached under helm's helm-manager-<sha256> name.
    const cached = (env: NodeJS.ProcessEnv) => readdirSync(join(env.HELM_CACHE_HOME!, 'repository')).sort();
    assert.deepEqual(cached(ke), cached(he));
    assert.ok(cached(ke).some((f) => f.startsWith('helm-manager-')));
  });

  test('a lock out of sync with Chart.yaml, an unknown repository and a missing version fail as in helm', async () => {
    const cases: Array<(chart: string) => void> = [
      (chart) => writeFileSync(join(chart, 'Chart.yaml'), readFileSync(join(chart, 'Chart.yaml'), 'utf8').replace('0.4.x', '0.4.0')),
      (chart) => writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: parent\nversion: 1.0.0\ndependencies:\n- name: x\n  version: 1.0.0\n  repository: example\n'),
      (chart) => writeFileSync(join(chart, 'Chart.yaml'), `apiVersion: v2\nname: parent\nversion: 1.0.0\ndependencies:\n- name: lifecycle-hooks\n  version: 9.x\n  repository: ${server.url}\n`),
    ];
    for (const change of cases) {
      const [hc, kc] = [parentChart(), parentChart()];
      const [he, ke] = [helmHomes(tempDir('h')), helmHomes(tempDir('k'))];
      for (const [tool, env, chart] of [[helm, he, hc], [hookline, ke, kc]] as const) {
        assert.equal((await tool(['repo', 'add', 'charts', server.url], env)).code, 0);
        assert.equal((await tool(['dependency', 'update', chart], env)).code, 0);
        change(chart);
      }
      const steps = [['dependency', 'build', 'CHART'], ['dependency', 'update', 'CHART', '--skip-refresh'], ['package', 'CHART', '-d', 'CHART/out']];
      assert.equal(await transcript(hookline, ke, kc, steps), await transcript(helm, he, hc, steps));
    }
  });
});

describe('package compared with helm', () => {
  test('helm and Hookline render each other\'s packages identically', async () => {
    const env = helmHomes(tempDir('pkg'));
    assert.equal((await helm(['repo', 'add', 'charts', server.url], env)).code, 0);
    const [hc, kc] = [parentChart(), parentChart()];
    const out = tempDir('packages');
    const [h, k] = [
      await helm(['package', hc, '-u', '--version', '2.1.0', '--app-version', 'v9', '-d', join(out, 'helm')], env),
      await hookline(['package', kc, '-u', '--version', '2.1.0', '--app-version', 'v9', '-d', join(out, 'hookline')], env),
    ];
    assert.equal(k.code, 0, k.stderr);
    assert.equal(k.stdout.replace(kc, 'CHART').replace('/hookline/', '/X/'), h.stdout.replace(hc, 'CHART').replace('/helm/', '/X/'));
    const packages = [join(out, 'helm', 'parent-2.1.0.tgz'), join(out, 'hookline', 'parent-2.1.0.tgz')];
    for (const tool of [helm, hookline]) {
      const [fromHelm, fromHookline] = [await tool(['template', 'x', packages[0]], env), await tool(['template', 'x', packages[1]], env)];
      assert.equal(fromHookline.code, 0, fromHookline.stderr);
      assert.equal(fromHookline.stdout, fromHelm.stdout);
      assert.match(fromHookline.stdout, /# Source: parent\/charts\/basics\//);
    }
    const [showH, showK] = [await helm(['show', 'chart', packages[0]], env), await helm(['show', 'chart', packages[1]], env)];
    assert.equal(showK.stdout, showH.stdout);
    assert.match(showK.stdout, /appVersion: v9/);
  });

  test('fixture charts: helm template of Hookline\'s package equals that of helm\'s', async () => {
    for (const name of ['render-files', 'render-subcharts', 'render-platform', 'chart-packed']) {
      const src = join(import.meta.dirname, '..', 'charts', name);
      const copy = join(tempDir('fixture'), name);
      cpSync(src, copy, { recursive: true });
      const [hd, kd] = [tempDir('h'), tempDir('k')];
      assert.equal((await helm(['package', copy, '-d', hd], {})).code, 0);
      const k = await hookline(['package', copy, '-d', kd], {});
      assert.equal(k.code, 0, k.stderr);
      const [file] = readdirSync(hd);
      assert.deepEqual(readdirSync(kd), [file]);
      const [a, b] = [await helm(['template', 'x', join(hd, file)], {}), await helm(['template', 'x', join(kd, file)], {})];
      assert.equal(b.stdout, a.stdout, name);
      assert.equal(b.stderr, a.stderr, name);
    }
  });
});
