// Docker credential helpers against a real registry (TLS, basic auth), side by side with helm
// v4.1.4: `credsStore` in helm's registry config takes `registry login` (store), push and
// pull (get) and `registry logout` (erase); `credHelpers` in Docker's config serves a host;
// the platform's default helper on PATH is used and written down when nothing is configured;
// a failing helper fails both tools with its own words. The helper is a real program on PATH
// (test/support/credential-helper.ts) that logs what each tool asked of it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeCredentialHelper, type CredentialHelper, type HelperCall } from '../support/credential-helper.ts';
import { startRegistry, type TestRegistry } from '../support/registry.ts';
import { helmHome, ok, packagedChart, run, type Tool } from './tools.ts';

let registry: TestRegistry;
let tls: string[];
let archive = '';
let count = 0;

before(async () => {
  registry = await startRegistry();
  tls = ['--ca-file', registry.caFile!];
  archive = packagedChart(registry.workDir, 'helped', '1.0.0');
});

after(() => registry.stop());

/** A fresh helm home whose PATH finds a fresh helper docker-credential-`name`. */
function setup(name: string): { home: NodeJS.ProcessEnv; helper: CredentialHelper } {
  const root = join(registry.workDir, `case-${count++}`);
  const helper = writeCredentialHelper(join(root, 'helper'), name);
  return { home: { ...helmHome(root), PATH: helper.path }, helper };
}

const writeJson = (file: string, value: unknown) => {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(value));
};
const dockerConfigFile = (home: NodeJS.ProcessEnv) => join(home.HELM_CONFIG_HOME!, 'docker', 'config.json');
const login = (tool: Tool, home: NodeJS.ProcessEnv) =>
  run(tool, ['registry', 'login', registry.host, '-u', registry.username!, '--password-stdin', ...tls], home, { input: registry.password });
const template = (tool: Tool, home: NodeJS.ProcessEnv, repo: string) =>
  run(tool, ['template', 'r', `oci://${registry.host}/${repo}/helped`, '--version', '1.0.0', ...tls], home);
/** The distinct calls, in first-seen order (helm may ask again where Hookline remembers). */
const distinct = (calls: HelperCall[]) => [...new Map(calls.map((c) => [JSON.stringify(c), c])).values()];

describe('credential helpers', () => {
  test('credsStore in helm\'s registry config: login, push, pull and logout go through the helper as in helm', () => {
    const seen = {} as Record<Tool, HelperCall[][]>;
    const configs = {} as Record<Tool, string>;
    const stored = {} as Record<Tool, unknown>;
    const rendered = {} as Record<Tool, string>;
    for (const tool of ['helm', 'hookline'] as const) {
      const { home, helper } = setup('hltest');
      writeJson(home.HELM_REGISTRY_CONFIG!, { credsStore: 'hltest' });
      const steps: HelperCall[][] = [];
      const step = (action: () => void) => {
        const before = helper.calls().length;
        action();
        steps.push(distinct(helper.calls().slice(before)));
      };
      step(() => assert.equal(login(tool, home).stderr, 'Login Succeeded\n'));
      stored[tool] = helper.held(registry.host);
      step(() => ok(tool, ['push', archive, `oci://${registry.host}/by-${tool}`, ...tls], home));
      step(() => { rendered[tool] = ok(tool, ['template', 'r', `oci://${registry.host}/by-${tool}/helped`, '--version', '1.0.0', ...tls], home).stdout; });
      step(() => assert.equal(ok(tool, ['registry', 'logout', registry.host], home).stderr, `Removing login credentials for ${registry.host}\n`));
      configs[tool] = readFileSync(home.HELM_REGISTRY_CONFIG!, 'utf8');
      assert.equal(helper.held(registry.host), undefined, `${tool}: erased`);
      assert.equal(run(tool, ['template', 'r', `oci://${registry.host}/by-${tool}/helped`, '--version', '1.0.0', ...tls], { ...home, HELM_CONTENT_CACHE: join(home.HELM_CACHE_HOME!, 'other') }).code, 1);
      seen[tool] = steps;
    }
    assert.deepEqual(seen.hookline, seen.helm);
    assert.deepEqual(stored.hookline, stored.helm);
    assert.deepEqual(stored.hookline, { ServerURL: registry.host, Username: registry.username, Secret: registry.password });
    assert.equal(configs.hookline, configs.helm, 'the registry config is left as it was');
    assert.equal(configs.hookline, '{"credsStore":"hltest"}');
    assert.equal(rendered.hookline, rendered.helm);
    assert.deepEqual(seen.hookline.map((calls) => calls.map((c) => c.action)), [['store'], ['get'], ['get'], ['erase']]);
    assert.deepEqual(seen.hookline[1], [{ action: 'get', input: registry.host }]);
  });

  test('credHelpers for the host in Docker\'s config, nothing in helm\'s', () => {
    ok('hookline', ['push', archive, `oci://${registry.host}/docker-helper`, '--username', registry.username!, '--password', registry.password!, ...tls], helmHome(join(registry.workDir, 'pusher')));
    const seen = {} as Record<Tool, HelperCall[]>;
    for (const tool of ['helm', 'hookline'] as const) {
      const { home, helper } = setup('hltest');
      writeJson(dockerConfigFile(home), { credHelpers: { [registry.host]: 'hltest', 'other.example': 'missing-helper' } });
      helper.put(registry.host, registry.username!, registry.password!);
      const result = template(tool, home, 'docker-helper');
      assert.equal(result.code, 0, result.stderr);
      seen[tool] = distinct(helper.calls());
    }
    assert.deepEqual(seen.hookline, seen.helm);
    assert.deepEqual(seen.hookline, [{ action: 'get', input: registry.host }]);
  });

  test('nothing configured and the default helper (secretservice) on PATH: login stores through it and names it in the config', () => {
    const configs = {} as Record<Tool, string>;
    const seen = {} as Record<Tool, HelperCall[]>;
    for (const tool of ['helm', 'hookline'] as const) {
      const { home, helper } = setup('secretservice');
      assert.equal(login(tool, home).code, 0);
      configs[tool] = readFileSync(home.HELM_REGISTRY_CONFIG!, 'utf8');
      assert.equal(helper.held(registry.host)?.Secret, registry.password);
      seen[tool] = distinct(helper.calls());
    }
    assert.equal(configs.hookline, configs.helm);
    assert.equal(configs.hookline, '{\n\t"auths": {},\n\t"credsStore": "secretservice"\n}');
    assert.deepEqual(seen.hookline, seen.helm);
  });

  test('a helper that fails: both tools fail with its words and change nothing', () => {
    ok('hookline', ['push', archive, `oci://${registry.host}/locked`, '--username', registry.username!, '--password', registry.password!, ...tls], helmHome(join(registry.workDir, 'pusher')));
    for (const tool of ['helm', 'hookline'] as const) {
      const { home, helper } = setup('hltest');
      writeJson(home.HELM_REGISTRY_CONFIG!, { credsStore: 'hltest' });
      helper.put(registry.host, registry.username!, registry.password!);
      helper.failGets(true);
      const result = template(tool, home, 'locked');
      assert.equal(result.code, 1, `${tool} failed`);
      assert.match(result.stderr, /the keychain is locked/, tool);
      assert.equal(readFileSync(home.HELM_REGISTRY_CONFIG!, 'utf8'), '{"credsStore":"hltest"}');
      if (tool === 'hookline') assert.match(result.stderr, /credential helper docker-credential-hltest \(named in .*config\.json\) failed to get the credentials for 127\.0\.0\.1:\d+: the keychain is locked/);
    }
  });

  test('a helper named in the config but not on PATH: a clear error', () => {
    const { home } = setup('hltest');
    writeJson(home.HELM_REGISTRY_CONFIG!, { credsStore: 'not-installed' });
    const result = login('hookline', home);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /credential helper docker-credential-not-installed \(named in .*config\.json\) is not on PATH: install it or remove it from that file/);
    assert.equal(login('helm', home).code, 1, 'helm fails too');
  });
});
