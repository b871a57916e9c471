// Runs helm v4 (the reference) or Hookline for the OCI tests, each with its own helm home
// folders (config, cache, data, registry config) so tests share nothing by accident.
import { spawnSync } from 'node:child_process';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { toolCommand, type Tool } from '../support/run-process.ts';
import type { TestRegistry } from '../support/registry.ts';
import { writeCredentialHelper } from '../support/credential-helper.ts';

export type { Tool } from '../support/run-process.ts';

export interface Run {
  stdout: string;
  stderr: string;
  code: number;
}

/** Helm's folders under `root`; pass the same one to both tools to share logins and caches. */
export function helmHome(root: string): NodeJS.ProcessEnv {
  return {
    HELM_CONFIG_HOME: join(root, 'config'), HELM_CACHE_HOME: join(root, 'cache'), HELM_DATA_HOME: join(root, 'data'),
    HELM_REGISTRY_CONFIG: join(root, 'config', 'registry', 'config.json'), HELM_CONTENT_CACHE: join(root, 'cache', 'content'),
  };
}

export function run(tool: Tool, args: string[], home: NodeJS.ProcessEnv, options: { cwd?: string; input?: string } = {}): Run {
  const [file, argv] = toolCommand(tool, args);
  // DOCKER_CONFIG points at an empty folder: a developer's own Docker logins stay out of it.
  const env = { ...process.env, TZ: 'UTC', DOCKER_CONFIG: join(home.HELM_CONFIG_HOME!, 'docker'), ...home };
  const result = spawnSync(file, argv, { cwd: options.cwd, env, input: options.input, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, code: result.status ?? -1 };
}

/** Runs and requires exit code 0. */
export function ok(tool: Tool, args: string[], home: NodeJS.ProcessEnv, options: { cwd?: string; input?: string } = {}): Run {
  const result = run(tool, args, home, options);
  if (result.code !== 0) throw new Error(`${tool} ${args.join(' ')} exited with ${result.code}:\n${result.stderr}`);
  return result;
}

/**
 * Writes a chart folder `name` at `version` under `dir` with the Chart.yaml fields that
 * become OCI annotations, packages it with helm, and fixes the archive's time (helm records
 * it as the creation time). Returns the archive's path.
 */
export function packagedChart(dir: string, name: string, version: string): string {
  const chartDir = join(dir, 'src', `${name}-${version}`);
  mkdirSync(join(chartDir, 'templates'), { recursive: true });
  writeFileSync(join(chartDir, 'Chart.yaml'), [
    'apiVersion: v2', `name: ${name}`, `version: ${version}`, 'appVersion: "1.2"',
    'description: A chart <for> the OCI tests & more', 'home: https://charts.example/home',
    'sources: [https://src.example/one, https://src.example/two]',
    'maintainers:', '  - name: Ada', '    email: ada@example.org', '  - name: Bob',
    'annotations:', '  zeta: last', '  alpha: first', '  org.opencontainers.image.title: ignored', '',
  ].join('\n'));
  writeFileSync(join(chartDir, 'values.yaml'), 'greeting: hello\nreplicas: 2\n');
  writeFileSync(join(chartDir, 'templates', 'config.yaml'), [
    'apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: {{ .Release.Name }}-{{ .Chart.Name }}',
    'data:', '  greeting: {{ .Values.greeting | quote }}', '  version: {{ .Chart.Version | quote }}', '',
  ].join('\n'));
  const out = join(dir, 'packages');
  mkdirSync(out, { recursive: true });
  ok('helm', ['package', chartDir, '-d', out], helmHome(join(dir, 'package-home')));
  const archive = join(out, `${name}-${version}.tgz`);
  const when = new Date('2026-01-02T03:04:05Z');
  utimesSync(archive, when, when);
  return archive;
}

/**
 * A home per tool under the registry's folder, each logged in to the registry by its own tool;
 * with `throughHelper` the login is kept by a credential helper (credsStore) on the home's PATH.
 */
export function loggedInHomes(registry: TestRegistry, options: { throughHelper?: boolean } = {}): Record<Tool, NodeJS.ProcessEnv> {
  const homes = {} as Record<Tool, NodeJS.ProcessEnv>;
  for (const tool of ['helm', 'hookline'] as const) {
    homes[tool] = helmHome(join(registry.workDir, `home-${tool}`));
    if (options.throughHelper) {
      homes[tool].PATH = writeCredentialHelper(join(registry.workDir, `helper-${tool}`), 'hltest').path;
      mkdirSync(dirname(homes[tool].HELM_REGISTRY_CONFIG!), { recursive: true });
      writeFileSync(homes[tool].HELM_REGISTRY_CONFIG!, '{"credsStore":"hltest"}');
    }
    ok(tool, ['registry', 'login', registry.host, '-u', registry.username!, '--password-stdin', '--ca-file', registry.caFile!], homes[tool], { input: registry.password });
  }
  return homes;
}
