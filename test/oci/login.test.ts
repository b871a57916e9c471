// `registry login|logout` against a real registry (TLS, basic auth), compared with helm v4:
// the same registry config file, usable by the other tool both ways; bad credentials fail
// and leave the file as it was.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startRegistry, type TestRegistry } from '../support/registry.ts';
import { helmHome, ok, packagedChart, run, type Tool } from './tools.ts';

let registry: TestRegistry;
let tls: string[];
let archive = '';
let homeCount = 0;

before(async () => {
  registry = await startRegistry();
  tls = ['--ca-file', registry.caFile!];
  archive = packagedChart(registry.workDir, 'logintest', '1.0.0');
});

after(() => registry.stop());

const freshHome = () => helmHome(join(registry.workDir, `home-${homeCount++}`));
const login = (tool: Tool, home: NodeJS.ProcessEnv, password = registry.password!) =>
  run(tool, ['registry', 'login', registry.host, '-u', registry.username!, '--password-stdin', ...tls], home, { input: `${password}\n` });

describe('registry login', () => {
  test('writes the file helm writes, with the same output', () => {
    const [helmHomeDir, hooklineHomeDir] = [freshHome(), freshHome()];
    const helm = login('helm', helmHomeDir);
    const hookline = login('hookline', hooklineHomeDir);
    assert.equal(hookline.code, 0, hookline.stderr);
    assert.equal(hookline.stderr, helm.stderr);
    assert.equal(hookline.stderr, 'Login Succeeded\n');
    const file = (home: NodeJS.ProcessEnv) => home.HELM_REGISTRY_CONFIG!;
    assert.equal(readFileSync(file(hooklineHomeDir), 'utf8'), readFileSync(file(helmHomeDir), 'utf8'));
    assert.equal(statSync(file(hooklineHomeDir)).mode & 0o777, statSync(file(helmHomeDir)).mode & 0o777);
  });

  for (const [first, second] of [['hookline', 'helm'], ['helm', 'hookline']] as const) {
    test(`a ${first} login serves ${second}'s push and pull; ${second}'s logout ends it for both`, () => {
      const home = freshHome();
      assert.equal(login(first, home).code, 0);
      const pushed = ok(second, ['push', archive, `oci://${registry.host}/by-${second}`, ...tls], home);
      assert.match(pushed.stderr, /^Pushed: /);
      ok(first, ['template', 'x', `oci://${registry.host}/by-${second}/logintest`, '--version', '1.0.0', ...tls], home);
      const out = ok(second, ['registry', 'logout', registry.host], home);
      assert.equal(out.stderr, `Removing login credentials for ${registry.host}\n`);
      rmSync(home.HELM_CONTENT_CACHE!, { recursive: true, force: true });
      for (const tool of [first, second]) {
        const denied = run(tool, ['template', 'x', `oci://${registry.host}/by-${second}/logintest`, '--version', '1.0.0', ...tls], home);
        assert.equal(denied.code, 1, `${tool} pulled after logout`);
      }
    });
  }

  test('-p warns as helm does; --username/--password on push work without a login', () => {
    const home = freshHome();
    const viaFlag = run('hookline', ['registry', 'login', registry.host, '-u', registry.username!, '-p', registry.password!, ...tls], home);
    const helmViaFlag = run('helm', ['registry', 'login', registry.host, '-u', registry.username!, '-p', registry.password!, ...tls], freshHome());
    assert.equal(viaFlag.stderr, helmViaFlag.stderr);
    const other = freshHome();
    const pushed = ok('hookline', ['push', archive, `oci://${registry.host}/flags`, '--username', registry.username!, '--password', registry.password!, ...tls], other);
    assert.match(pushed.stderr, /^Pushed: /);
    assert.equal(existsSync(other.HELM_REGISTRY_CONFIG!), false, 'push with flags stores nothing');
  });
});

describe('bad credentials change nothing', () => {
  test('a wrong password fails as in helm and keeps the stored login', () => {
    const home = freshHome();
    assert.equal(login('hookline', home).code, 0);
    const before = readFileSync(home.HELM_REGISTRY_CONFIG!, 'utf8');
    const helm = login('helm', home, 'wrong');
    const hookline = login('hookline', home, 'wrong');
    assert.equal(hookline.code, 1);
    assert.equal(hookline.stderr, helm.stderr);
    assert.match(hookline.stderr, new RegExp(`^Error: authenticating to "${registry.host}": GET "https://${registry.host}/v2/": response status code 401`));
    assert.equal(readFileSync(home.HELM_REGISTRY_CONFIG!, 'utf8'), before);
  });

  test('no login: push and pull fail naming the registry and what to do', () => {
    const home = freshHome();
    const push = run('hookline', ['push', archive, `oci://${registry.host}/nologin`, ...tls], home);
    assert.equal(push.code, 1);
    assert.match(push.stderr, new RegExp(`^Error: HEAD "https://${registry.host}/v2/nologin/logintest/blobs/sha256:[0-9a-f]+": the registry requires a user name and password: run 'registry login'`));
    const pull = run('hookline', ['template', 'x', `oci://${registry.host}/nologin/logintest`, '--version', '1.0.0', ...tls], home);
    assert.equal(pull.code, 1);
    assert.match(pull.stderr, /the registry requires a user name and password/);
    assert.equal(existsSync(home.HELM_CONTENT_CACHE!), false);
  });

  test('no password flag and stdin not a terminal: fails as helm does, storing nothing', () => {
    const home = freshHome();
    const args = ['registry', 'login', registry.host, '-u', registry.username!, ...tls];
    assert.equal(run('helm', args, home, { input: `${registry.password}\n` }).code, 1);
    const result = run('hookline', args, home, { input: `${registry.password}\n` });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^Error: no password given and stdin is not a terminal: pass --password-stdin/);
    assert.equal(existsSync(home.HELM_REGISTRY_CONFIG!), false);
  });

  test('without --ca-file the registry\'s certificate is refused', () => {
    const home = freshHome();
    const result = run('hookline', ['registry', 'login', registry.host, '-u', 'a', '--password-stdin'], home, { input: 'b' });
    assert.equal(result.code, 1);
    assert.match(result.stderr, new RegExp(`^Error: authenticating to "${registry.host}": GET "https://${registry.host}/v2/": .*certificate`));
    assert.equal(existsSync(home.HELM_REGISTRY_CONFIG!), false);
  });
});

describe('client certificates', () => {
  test('--cert-file/--key-file on login, push and template, as helm takes them', async () => {
    const mtls = await startRegistry({ requireClientCertificate: true });
    try {
      const client = ['--ca-file', mtls.caFile!, '--cert-file', mtls.clientCertFile!, '--key-file', mtls.clientKeyFile!];
      const home = helmHome(join(mtls.workDir, 'home'));
      const loginArgs = ['registry', 'login', mtls.host, '-u', mtls.username!, '--password-stdin'];
      const refused = run('hookline', [...loginArgs, '--ca-file', mtls.caFile!], home, { input: mtls.password });
      assert.equal(refused.code, 1, 'the registry wants a client certificate');
      assert.match(refused.stderr, /GET "https:\/\/[^"]+\/v2\/": the server requires a client certificate: pass --cert-file and --key-file/);
      assert.equal(existsSync(home.HELM_REGISTRY_CONFIG!), false);
      ok('hookline', [...loginArgs, ...client], home, { input: mtls.password });
      ok('hookline', ['push', archive, `oci://${mtls.host}/mtls`, ...client], home);
      const ref = `oci://${mtls.host}/mtls/logintest`;
      assert.equal(ok('hookline', ['template', 'x', ref, ...client], home).stdout, ok('helm', ['template', 'x', ref, ...client], home).stdout);
    } finally {
      await mtls.stop();
    }
  });
});
