// A command loads only what it needs (src/cli/cli.ts): which of Hookline's modules and which
// packages `hookline version` and friends load, recorded by a module hook in the real process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot, run } from './smoke.ts';

const recorder = join(projectRoot, 'test', 'dist', 'record-loaded-modules.ts');

/** Hookline's own source files (relative) and the npm packages the command loaded. */
function loadedBy(args: string[]): { sources: string[]; packages: string[]; builtins: string[] } {
  const result = run(process.execPath, ['--import', pathToFileURL(recorder).href, join(projectRoot, 'bin', 'hookline.js'), ...args]);
  assert.equal(result.code, 0, result.stderr);
  const urls = JSON.parse(result.stderr.trim().split('\n').pop()!) as string[];
  const root = pathToFileURL(projectRoot).href;
  const sources = urls.filter((u) => u.startsWith(`${root}src/`)).map((u) => u.slice(root.length));
  const packages = [...new Set(urls.map((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1]).filter((p) => p !== undefined))];
  const builtins = [...new Set(urls.filter((u) => u.startsWith('node:')))].sort();
  return { sources: [...new Set(sources)].sort(), packages: packages.sort(), builtins };
}

// What every command loads: the entry, the command table and the global flags (src/cli/main.ts, cli.ts).
const cliCore = ['src/cli/cli.ts', 'src/cli/global-flags.ts', 'src/cli/main.ts'];

test('version loads its own module and commander, nothing of rendering, YAML or Kubernetes', () => {
  const own = ['src/cli/build-info.ts', 'src/cli/version.ts'];
  const { sources, packages } = loadedBy(['version']);
  assert.deepEqual({ sources, packages }, { sources: [...cliCore, ...own].sort(), packages: ['commander'] });
  assert.deepEqual(loadedBy(['version', '--short']).sources, [...cliCore, ...own].sort());
});

test('version --template adds the template engine, still no rendering, YAML or Kubernetes', () => {
  const { sources, packages } = loadedBy(['version', '--template', '{{.Version}}']);
  assert.ok(sources.includes('src/gotemplate/index.ts'), sources.join(' '));
  assert.deepEqual(sources.filter((s) => /^src\/(render|chart|codec|kube|release|storage|local)\//.test(s)), []);
  assert.deepEqual(packages, ['commander']);
});

test('template loads the renderer but not the commands of other modules', () => {
  const { sources } = loadedBy(['template', join(projectRoot, 'examples', 'agent-chart')]);
  assert.ok(sources.includes('src/render/template-command.ts'), 'the template command renders');
  for (const other of ['src/cli/release-change-commands.ts', 'src/cli/local.ts', 'src/cli/version.ts', 'src/cli/lint.ts']) {
    assert.ok(!sources.includes(other), `${other} loaded for template`);
  }
});

test('template of a local chart loads neither the HTTP stack nor the Kubernetes client', () => {
  const { sources, builtins } = loadedBy(['template', join(projectRoot, 'examples', 'agent-chart')]);
  assert.ok(sources.includes('src/render/template-command.ts'), 'the template command renders');
  for (const http of ['node:http', 'node:https', 'node:http2']) assert.ok(!builtins.includes(http), `${http} loaded for template`);
  assert.deepEqual(sources.filter((s) => /^src\/(kube\/client|local)\b/.test(s)), []);
});

test('help without a command lists every command, so it loads all command modules', () => {
  const { sources } = loadedBy(['--help']);
  for (const cli of ['chart-commands', 'release-read-commands', 'release-change-commands', 'local', 'template', 'lint', 'version']) {
    assert.ok(sources.includes(`src/cli/${cli}.ts`), `src/cli/${cli}.ts not loaded for --help`);
  }
});
