// A registry with token auth (Bearer challenges answered by a token server, as most hosted
// registries do), compared with helm v4: login, push and pull work both ways through the
// same registry config; a wrong password and an anonymous pull fail as in helm.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startRegistry, type TestRegistry } from '../support/registry.ts';
import { helmHome, loggedInHomes, ok, packagedChart, run, type Tool } from './tools.ts';

let registry: TestRegistry;
let tls: string[];
let homes: Record<Tool, NodeJS.ProcessEnv>;
let archive = '';

before(async () => {
  registry = await startRegistry({ auth: 'token' });
  tls = ['--ca-file', registry.caFile!];
  homes = loggedInHomes(registry);
  archive = packagedChart(registry.workDir, 'tokenchart', '0.5.0');
});

after(() => registry.stop());

describe('token auth', () => {
  for (const [pusher, puller] of [['hookline', 'helm'], ['helm', 'hookline']] as const) {
    test(`pushed by ${pusher} with a token, rendered by ${puller} as by helm`, () => {
      const pushed = ok(pusher, ['push', archive, `oci://${registry.host}/from-${pusher}`, ...tls], homes[pusher]);
      assert.match(pushed.stderr, new RegExp(`^Pushed: ${registry.host}/from-${pusher}/tokenchart:0.5.0\n`));
      const ref = `oci://${registry.host}/from-${pusher}/tokenchart`;
      const rendered = ok(puller, ['template', 'r', ref, '--version', '^0.5', ...tls], homes[puller]);
      assert.equal(rendered.stdout, ok('helm', ['template', 'r', ref, '--version', '0.5.0', ...tls], homes.helm).stdout);
      assert.match(rendered.stdout, /name: r-tokenchart/);
    });
  }

  test('a wrong password: the token server\'s refusal, as helm reports it, and no login stored', () => {
    const [helmHomeDir, hooklineHomeDir] = [helmHome(join(registry.workDir, 'wrong-helm')), helmHome(join(registry.workDir, 'wrong-hookline'))];
    const args = ['registry', 'login', registry.host, '-u', registry.username!, '--password-stdin', ...tls];
    const helm = run('helm', args, helmHomeDir, { input: 'wrong' });
    const hookline = run('hookline', args, hooklineHomeDir, { input: 'wrong' });
    assert.equal(hookline.code, 1);
    assert.equal(hookline.stderr, helm.stderr);
    assert.match(hookline.stderr, /response status code 401: unauthorized: invalid username or password/);
    assert.equal(existsSync(hooklineHomeDir.HELM_REGISTRY_CONFIG!), false);
  });

  test('anonymous: the registry refuses the token server\'s empty grant', () => {
    ok('hookline', ['push', archive, `oci://${registry.host}/private`, ...tls], homes.hookline);
    const home = helmHome(join(registry.workDir, 'anonymous'));
    const result = run('hookline', ['template', 'r', `oci://${registry.host}/private/tokenchart`, '--version', '0.5.0', ...tls], home);
    assert.equal(result.code, 1);
    assert.match(result.stderr, new RegExp(`^Error: GET "https://${registry.host}/v2/private/tokenchart/manifests/0.5.0": response status code 401: unauthorized: authentication required; no credentials for ${registry.host}: run 'registry login`));
    assert.equal(run('helm', ['template', 'r', `oci://${registry.host}/private/tokenchart`, '--version', '0.5.0', ...tls], home).code, 1);
    rmSync(home.HELM_CONFIG_HOME!, { recursive: true, force: true });
  });
});
