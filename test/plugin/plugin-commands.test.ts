// `plugin install|list|uninstall` and running a cli/v1 or Helm 3 plugin, against helm v4.1.4:
// a plugin installed by either tool is listed alike by both (provenance "local dev" for a
// folder, "unsigned" for an archive installed with --verify=false), errors match, and
// `hookline NAME ARGS` runs a plugin as `helm NAME ARGS` does.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runTool, type Tool } from '../support/cli-differential.ts';
import { dataHome, postRendererYaml, sedScript, writePlugin } from './plugins.ts';

const sources = dataHome();
const renderer = writePlugin(sources, 'sedder', postRendererYaml('sedder', 'render.sh'), { 'render.sh': sedScript });
const legacy = writePlugin(sources, 'hello', 'name: hello\nversion: 0.2.0\nusage: say hello\ncommand: "$HELM_PLUGIN_DIR/hello.sh"\n', {
  'hello.sh': '#!/bin/sh\necho "hello $* ns=$HELM_NAMESPACE plugin=$HELM_PLUGIN_NAME"\nexit ${EXIT_WITH:-0}\n',
});
const v1cli = writePlugin(sources, 'hi', 'apiVersion: v1\nname: hi\ntype: cli/v1\nruntime: subprocess\nversion: 1.0.0\nsourceURL: https://example.org/hi\nconfig:\n  ignoreFlags: true\nruntimeConfig:\n  platformCommand:\n  - command: sh\n    args: ["-c", "echo hi from $HELM_PLUGIN_NAME $0"]\n');
const hooked = writePlugin(sources, 'hooked', [
  'apiVersion: v1', 'name: hooked', 'type: cli/v1', 'runtime: subprocess', 'version: 0.3.0', 'runtimeConfig:',
  '  platformCommand: [{command: "true"}]',
  '  platformHooks:', '    install: [{command: sh, args: ["-c", "echo installed $HELM_PLUGIN_NAME in $(basename $HELM_PLUGIN_DIR)"]}]',
  '    delete: [{command: sh, args: ["-c", "echo deleting $0", "${HELM_PLUGIN_NAME}"]}]', '',
].join('\n'));
const legacyHooked = writePlugin(sources, 'old-hooks', 'name: old-hooks\nversion: 0.1.0\ncommand: "true"\nhooks:\n  install: echo legacy hook for $HELM_PLUGIN_NAME\n');
const wasm = writePlugin(sources, 'wasm', 'apiVersion: v1\nname: wasm\ntype: cli/v1\nruntime: extism/v1\nversion: 0.1.0\nruntimeConfig:\n  memory: {maxPages: 10}\n', {
  'plugin.wasm': '\0asm',
});
writePlugin(sources, 'not-a-plugin', 'x: 1\n');
execFileSync('rm', ['-f', join(sources, 'not-a-plugin', 'plugin.yaml')]);
const archive = join(sources, 'sedder-0.1.0.tgz');
execFileSync('tar', ['czf', archive, '-C', sources, 'sedder']);
const homes = { helm: dataHome(), hookline: dataHome() };

after(() => {
  for (const dir of [sources, homes.helm, homes.hookline]) rmSync(dir, { recursive: true, force: true });
});

const run = (tool: Tool, home: string, args: string[], env: Record<string, string> = {}) =>
  runTool(tool, args, { noKubeconfig: true, env: { HELM_DATA_HOME: home, HELM_PLUGINS: undefined, ...env } });

/** The same command with each tool in its own data home: same stdout, stderr (paths aside) and status. */
async function same(args: string[], env: Record<string, string> = {}) {
  const [helm, hookline] = await Promise.all([run('helm', homes.helm, args, env), run('hookline', homes.hookline, args, env)]);
  assert.equal(hookline.code, helm.code, `hookline: ${hookline.stderr}\nhelm: ${helm.stderr}`);
  assert.equal(hookline.stdout, helm.stdout);
  assert.equal(hookline.stderr.split(homes.hookline).join('HOME'), helm.stderr.split(homes.helm).join('HOME'));
  return helm;
}

describe('plugin commands as helm 4.1.4', () => {
  test('install from a folder and from an archive, list, errors', async () => {
    assert.equal((await same(['plugin', 'list'])).stdout, 'NAME\tVERSION\tTYPE\tAPIVERSION\tPROVENANCE\tSOURCE\n');
    assert.match((await same(['plugin', 'install', renderer])).stdout, /development mode\)\nInstalled plugin: sedder\n$/);
    assert.ok(lstatSync(join(homes.hookline, 'plugins', 'sedder')).isSymbolicLink());
    await same(['plugin', 'install', legacy]);
    await same(['plugin', 'add', v1cli]);
    assert.equal((await same(['plugin', 'install', renderer])).code, 1);
    assert.equal((await same(['plugin', 'install', join(sources, 'missing')])).code, 1);
    assert.equal((await same(['plugin', 'install', join(sources, 'not-a-plugin')])).code, 1);
    const list = await same(['plugin', 'list']);
    assert.match(list.stdout, /^hello\s+\t0\.2\.0\s*\tcli\/v1\s*\tlegacy\s*\tlocal dev \tunknown/m);
    assert.match(list.stdout, /^hi\s+\t1\.0\.0\s*\tcli\/v1\s*\tv1\s*\tlocal dev \thttps:\/\/example.org\/hi/m);
    await same(['plugin', 'ls', '--type', 'postrenderer/v1']);
  });

  test("install and delete hooks run (no $VAR expansion in a v1 plugin's arguments, Helm 3 hooks through sh); a WebAssembly plugin is listed", async () => {
    assert.match((await same(['plugin', 'install', hooked])).stdout, /^installed hooked in hooked$/m);
    assert.match((await same(['plugin', 'install', legacyHooked])).stdout, /^legacy hook for old-hooks$/m);
    await same(['plugin', 'install', wasm]);
    assert.match((await same(['plugin', 'list', '--type', 'cli/v1'])).stdout, /^wasm\s*\t0\.1\.0\s*\tcli\/v1\s*\tv1\s*\tlocal dev/m);
    assert.match((await same(['plugin', 'uninstall', 'hooked', 'old-hooks', 'wasm'])).stdout, /^deleting \$\{HELM_PLUGIN_NAME\}$/m);
  });

  test('an archive needs --verify=false without a .prov; then it is copied in and listed unsigned', async () => {
    await same(['plugin', 'uninstall', 'sedder']);
    assert.equal((await same(['plugin', 'install', archive])).code, 1);
    await same(['plugin', 'install', archive, '--verify=false']);
    assert.ok(existsSync(join(homes.hookline, 'plugins', 'sedder-0.1.0.tgz')));
    assert.ok(lstatSync(join(homes.hookline, 'plugins', 'sedder')).isDirectory());
    assert.match((await same(['plugin', 'list'])).stdout, /^sedder\s*\t0\.1\.0\s*\tpostrenderer\/v1\s*\tv1\s*\tunsigned/m);
  });

  test('a plugin installed by one tool is listed alike and used by the other', async () => {
    const list = (tool: Tool, home: string) => run(tool, home, ['plugin', 'list']).then((r) => r.stdout);
    assert.equal(await list('hookline', homes.helm), await list('helm', homes.helm));
    assert.equal(await list('helm', homes.hookline), await list('hookline', homes.hookline));
    const template = await run('hookline', homes.helm, ['template', 'x', join(import.meta.dirname, '..', 'charts', 'render-basics'), '--post-renderer', 'sedder']);
    assert.equal(template.code, 0, template.stderr);
    assert.match(template.stdout, /post-rendered-by: sedder/);
  });

  test('running a Helm 3 plugin and a cli/v1 plugin: output, arguments, environment, exit status', async () => {
    assert.match((await same(['hello', 'a', '--flag', 'b', '-n', 'elsewhere'])).stdout, /^hello a --flag b ns=elsewhere plugin=hello$/m);
    assert.equal((await same(['hello'], { EXIT_WITH: '4' })).code, 4);
    assert.equal((await same(['hi', 'ignored', 'args'])).stdout, 'hi from hi\n');
  });

  test('uninstall: several names, one missing', async () => {
    const out = await same(['plugin', 'uninstall', 'nothere', 'hello', 'hi']);
    assert.equal(out.code, 1);
    await same(['plugin', 'rm']);
    assert.equal(existsSync(join(homes.hookline, 'plugins', 'hello')), false);
    assert.ok(existsSync(legacy), 'the linked folder itself stays');
    await same(['plugin', 'uninstall', 'sedder']);
    assert.equal(existsSync(join(homes.hookline, 'plugins', 'sedder-0.1.0.tgz')), false);
    await same(['plugin', 'list']);
  });
});
