// The token server's view of helm v4.1.4 and Hookline on a Bearer registry: `registry login`
// first tries an OAuth2 password grant (POST, client_id oras-go) and falls back to the
// distribution spec's GET when the token server refuses it; pulls with a user name and
// password GET with Basic auth; an identity token (stored in the config, or by a credential
// helper as user "<token>") is traded by an OAuth2 refresh_token grant.
// Each tool's requests must be the ones the other sends.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeCredentialHelper } from '../support/credential-helper.ts';
import { startRegistry, type TestRegistry } from '../support/registry.ts';
import type { TokenRequest } from '../support/token-server.ts';
import { helmHome, ok, packagedChart, run, type Tool } from './tools.ts';

let registry: TestRegistry;
let tls: string[];
let homeCount = 0;

before(async () => {
  registry = await startRegistry({ auth: 'token' });
  tls = ['--ca-file', registry.caFile!];
  const archive = packagedChart(registry.workDir, 'tokenreq', '0.1.0');
  const home = freshHome();
  ok('hookline', ['push', archive, `oci://${registry.host}/charts`, '--username', registry.username!, '--password', registry.password!, ...tls], home);
});

after(() => registry.stop());

const freshHome = () => helmHome(join(registry.workDir, `home-${homeCount++}`));

/** What `action` made the token server see. */
function requestsDuring(action: () => void): TokenRequest[] {
  const before = registry.tokenRequests!().length;
  action();
  return registry.tokenRequests!().slice(before);
}

/** The distinct requests, in first-seen order (helm may ask again where Hookline reuses a token). */
const distinct = (list: TokenRequest[]) => [...new Set(list.map((r) => JSON.stringify(r)))].map((r) => JSON.parse(r) as TokenRequest);

const login = (tool: Tool, home: NodeJS.ProcessEnv) =>
  run(tool, ['registry', 'login', registry.host, '-u', registry.username!, '--password-stdin', ...tls], home, { input: registry.password });

const pull = (tool: Tool, home: NodeJS.ProcessEnv) =>
  ok(tool, ['template', 'r', `oci://${registry.host}/charts/tokenreq`, '--version', '0.1.0', ...tls], home);

describe('token requests', () => {
  test('login: an OAuth2 password grant, as helm sends it', () => {
    const seen = {} as Record<Tool, TokenRequest[]>;
    for (const tool of ['helm', 'hookline'] as const) {
      seen[tool] = requestsDuring(() => assert.equal(login(tool, freshHome()).code, 0));
    }
    assert.deepEqual(seen.hookline, seen.helm);
    assert.deepEqual(seen.hookline.map((r) => [r.method, r.status, r.contentType]), [['POST', 200, 'application/x-www-form-urlencoded']]);
    assert.deepEqual(seen.hookline[0].form, {
      client_id: 'oras-go', grant_type: 'password', password: '<the password>', service: 'hookline-test-registry', username: registry.username,
    });
  });

  test('login against a token server without OAuth2: the POST, then the distribution GET with Basic auth', () => {
    registry.setOAuth2!(false);
    try {
      const seen = {} as Record<Tool, TokenRequest[]>;
      for (const tool of ['helm', 'hookline'] as const) {
        const home = freshHome();
        seen[tool] = requestsDuring(() => assert.equal(login(tool, home).code, 0));
        pull(tool, home);
      }
      assert.deepEqual(seen.hookline, seen.helm);
      assert.deepEqual(seen.hookline.map((r) => [r.method, r.status, r.basicUser]), [['POST', 404, undefined], ['GET', 200, registry.username]]);
      assert.deepEqual(seen.hookline[1].query, { service: ['hookline-test-registry'] });
    } finally {
      registry.setOAuth2!(true);
    }
  });

  test('pull with a stored user name and password: GET with Basic auth for the repository\'s scope', () => {
    const seen = {} as Record<Tool, TokenRequest[]>;
    const rendered = {} as Record<Tool, string>;
    for (const tool of ['helm', 'hookline'] as const) {
      const home = freshHome();
      ok(tool, ['registry', 'login', registry.host, '-u', registry.username!, '--password-stdin', ...tls], home, { input: registry.password });
      seen[tool] = requestsDuring(() => { rendered[tool] = pull(tool, home).stdout; });
    }
    assert.equal(rendered.hookline, rendered.helm);
    assert.ok(seen.helm.length > 0);
    assert.deepEqual(distinct(seen.hookline), distinct(seen.helm));
    assert.deepEqual(distinct(seen.hookline).map((r) => [r.method, r.status, r.basicUser, r.query]),
      [['GET', 200, registry.username, { scope: ['repository:charts/tokenreq:pull'], service: ['hookline-test-registry'] }]]);
  });

  for (const where of ['the registry config', 'a credential helper (user "<token>")'] as const) {
    test(`an identity token in ${where}: an OAuth2 refresh_token grant`, () => {
      const seen = {} as Record<Tool, TokenRequest[]>;
      for (const tool of ['helm', 'hookline'] as const) {
        const home = freshHome();
        const file = home.HELM_REGISTRY_CONFIG!;
        mkdirSync(dirname(file), { recursive: true });
        if (where === 'the registry config') {
          writeFileSync(file, JSON.stringify({ auths: { [registry.host]: { identitytoken: registry.refreshToken } } }));
        } else {
          const helper = writeCredentialHelper(join(registry.workDir, `helper-${homeCount++}`), 'hltest');
          helper.put(registry.host, '<token>', registry.refreshToken!);
          writeFileSync(file, '{"credsStore":"hltest"}');
          home.PATH = helper.path;
        }
        seen[tool] = requestsDuring(() => pull(tool, home));
      }
      assert.deepEqual(distinct(seen.hookline), distinct(seen.helm));
      assert.deepEqual(distinct(seen.hookline).map((r) => [r.method, r.status, r.form]), [['POST', 200, {
        client_id: 'oras-go', grant_type: 'refresh_token', refresh_token: registry.refreshToken, scope: 'repository:charts/tokenreq:pull', service: 'hookline-test-registry',
      }]]);
    });
  }
});
