// The smoke suite both built artifacts run (the npm package on the system Node 20, the single
// executable without any Node): version, template and lint against the sources and helm, and
// a release with a hook installed, shown and uninstalled on the test cluster.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshNamespace, testClient, testKubeconfig } from '../support/cluster.ts';
import { dropNamespace } from '../support/lifecycle-harness.ts';
import { fileTree } from '../support/files.ts';
import { referenceTool } from '../support/reference-tools.ts';

export interface Run { code: number; stdout: string; stderr: string }
/** Runs the artifact's `hookline` with these arguments in `cwd`. */
export type Hookline = (args: string[], cwd: string) => Run;

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const agentChart = join(projectRoot, 'examples', 'agent-chart');
const packageVersion = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;

export function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Run {
  const result = spawnSync(command, args, { cwd: options.cwd, env: { TZ: 'UTC', ...(options.env ?? process.env) }, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** A command that must succeed; its output. */
export function ok(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): string {
  const result = run(command, args, options);
  assert.equal(result.code, 0, `${command} ${args.join(' ')} exited with ${result.code}:\n${result.stderr}`);
  return result.stdout;
}

const fromSources = (args: string[], cwd: string) => run(process.execPath, [join(projectRoot, 'bin', 'hookline.js'), ...args], { cwd });

// One ConfigMap and a post-install Job hook that writes a line and succeeds.
const hookChart: Record<string, string> = {
  'Chart.yaml': 'apiVersion: v2\nname: smoke\nversion: 0.1.0\n',
  'values.yaml': 'greeting: hello\n',
  'templates/config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-config\ndata:\n  greeting: {{ .Values.greeting | quote }}\n',
  'templates/hook.yaml': [
    'apiVersion: batch/v1', 'kind: Job', 'metadata:', '  name: {{ .Release.Name }}-post-install', '  annotations:',
    '    helm.sh/hook: post-install', 'spec:', '  backoffLimit: 0', '  template:', '    spec:', '      restartPolicy: Never',
    '      containers:', '        - name: main', '          image: busybox', '          command: ["sh", "-c", "echo installed"]', '',
  ].join('\n'),
};

const scratch: string[] = [];
after(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

function writeChart(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hookline-smoke-chart-'));
  scratch.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Registers the smoke tests for one artifact; `runtime` is the GoVersion it reports (e.g. "node20."). */
export function smokeSuite(hookline: () => Hookline, runtime: RegExp): void {
  // Every command runs from an unrelated folder: the artifact must not depend on the checkout.
  const elsewhere = mkdtempSync(join(tmpdir(), 'hookline-smoke-cwd-'));
  scratch.push(elsewhere);

  test('version prints helm\'s three shapes with the build\'s facts', () => {
    const long = hookline()(['version'], elsewhere);
    assert.equal(long.code, 0, long.stderr);
    const fields = /^version\.BuildInfo\{Version:"(v[^"]+)", GitCommit:"([0-9a-f]*)", GitTreeState:"(clean|dirty|)", GoVersion:"([^"]+)", KubeClientVersion:"(v1\.\d+)"\}\n$/.exec(long.stdout);
    assert.ok(fields, `unexpected version output: ${long.stdout}`);
    assert.equal(fields[1], `v${packageVersion}`);
    assert.match(fields[4], runtime);
    const sourcesCommit = ok('git', ['-C', projectRoot, 'rev-parse', 'HEAD']).trim();
    assert.equal(fields[2], sourcesCommit, 'the build embeds the commit it was built from');
    assert.equal(hookline()(['version', '--short'], elsewhere).stdout, `v${packageVersion}+g${sourcesCommit.slice(0, 7)}\n`);
    assert.equal(hookline()(['version', '--template', '{{.Version}} {{.KubeClientVersion}}'], elsewhere).stdout, `v${packageVersion} ${fields[5]}`);
    const bad = hookline()(['version', '--template', '{{.Nope}}'], elsewhere);
    assert.equal(bad.code, 1);
    assert.equal(bad.stderr, 'Error: template: _:1:2: executing "_" at <.Nope>: can\'t evaluate field Nope in type version.BuildInfo\n');
  });

  test('template renders examples/agent-chart as the sources and helm do', () => {
    const args = ['template', 'my-app', agentChart, '--set', 'postgres.password=smoke'];
    const built = hookline()(args, elsewhere);
    assert.equal(built.code, 0, built.stderr);
    assert.equal(built.stdout, fromSources(args, elsewhere).stdout);
    assert.equal(built.stdout, ok(referenceTool('helm4'), args, { cwd: elsewhere }));
  });

  test('toYaml of large and small numbers matches helm (JSON.parse source access, shimmed on Node 20)', () => {
    const chart = writeChart({
      'Chart.yaml': 'apiVersion: v2\nname: numbers\nversion: 0.1.0\n',
      'values.yaml': 'big: 1000000\nhuge: 12345678901234567890\nsmall: 0.00001\nratio: 2.5\n',
      'templates/values.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: numbers\ndata:\n  values: |\n{{ toYaml .Values | indent 4 }}\n  json: {{ toJson .Values | quote }}\n',
    });
    const built = hookline()(['template', chart], elsewhere);
    assert.equal(built.code, 0, built.stderr);
    assert.equal(built.stdout, ok(referenceTool('helm4'), ['template', chart], { cwd: elsewhere }));
  });

  test('values.schema.json is checked as helm checks it (the validator is in the bundle)', () => {
    const chart = writeChart({
      'Chart.yaml': 'apiVersion: v2\nname: schema\nversion: 0.1.0\n',
      'values.yaml': 'replicas: two\n',
      'values.schema.json': '{"type": "object", "properties": {"replicas": {"type": "integer", "minimum": 1}}, "required": ["replicas"]}\n',
      'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: schema\ndata:\n  replicas: {{ .Values.replicas | quote }}\n',
    });
    const helm = run(referenceTool('helm4'), ['template', chart], { cwd: elsewhere });
    assert.equal(helm.code, 1);
    const built = hookline()(['template', chart], elsewhere);
    assert.deepEqual({ code: built.code, stderr: built.stderr }, { code: helm.code, stderr: helm.stderr });
    const fixed = hookline()(['template', chart, '--set', 'replicas=3'], elsewhere);
    assert.equal(fixed.stdout, ok(referenceTool('helm4'), ['template', chart, '--set', 'replicas=3'], { cwd: elsewhere }));
  });

  test('lint reports as the sources do, including a failing chart', () => {
    const broken = writeChart({ 'Chart.yaml': 'apiVersion: v2\nname: broken\nversion: 0.1.0\n', 'templates/a.yaml': '{{ .Values.x.y }\n' });
    for (const args of [['lint', agentChart], ['lint', broken]]) {
      const built = hookline()(args, elsewhere);
      const sources = fromSources(args, elsewhere);
      assert.deepEqual(built, sources, `hookline ${args.join(' ')}`);
    }
    assert.equal(hookline()(['lint', broken], elsewhere).code, 1);
  });

  test('create writes the scaffold the sources write (its texts are inside the artifact)', () => {
    const [built, sources] = [mkdtempSync(join(tmpdir(), 'hookline-smoke-create-')), mkdtempSync(join(tmpdir(), 'hookline-smoke-create-'))];
    scratch.push(built, sources);
    const made = hookline()(['create', 'shop'], built);
    assert.equal(made.code, 0, made.stderr);
    assert.equal(fromSources(['create', 'shop'], sources).code, 0);
    const read = (path: string) => readFileSync(path, 'utf8');
    assert.deepEqual(fileTree(join(built, 'shop'), read), fileTree(join(sources, 'shop'), read));
    assert.match(read(join(built, 'shop', 'templates', '_helpers.tpl')), /define "shop\.fullname"/);
  });

  test('install, status and uninstall of a chart with a post-install hook on the test cluster', async (t) => {
    const client = testClient();
    const namespace = await freshNamespace(client, 'dist-smoke');
    t.after(() => dropNamespace(client, namespace));
    const chart = writeChart(hookChart);
    const cluster = ['--kubeconfig', testKubeconfig(), '-n', namespace];

    const install = hookline()(['install', 'smoke', chart, ...cluster, '--wait', '--timeout', '120s'], elsewhere);
    assert.equal(install.code, 0, install.stderr);
    const job = await client.request('GET', `/apis/batch/v1/namespaces/${namespace}/jobs/smoke-post-install`) as { status?: { succeeded?: number } };
    assert.equal(job.status?.succeeded, 1, 'the post-install hook ran to success');
    const config = await client.request('GET', `/api/v1/namespaces/${namespace}/configmaps/smoke-config`) as { data: Record<string, string> };
    assert.equal(config.data.greeting, 'hello');

    const status = hookline()(['status', 'smoke', ...cluster], elsewhere);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /^STATUS: deployed$/m);
    assert.match(status.stdout, /^REVISION: 1$/m);

    const uninstall = hookline()(['uninstall', 'smoke', ...cluster], elsewhere);
    assert.equal(uninstall.code, 0, uninstall.stderr);
    assert.match(uninstall.stdout, /release "smoke" uninstalled/);
    const gone = hookline()(['status', 'smoke', ...cluster], elsewhere);
    assert.equal(gone.code, 1);
    assert.equal(gone.stderr, 'Error: release: not found\n');
    await assert.rejects(client.request('GET', `/api/v1/namespaces/${namespace}/configmaps/smoke-config`));
  });
}
