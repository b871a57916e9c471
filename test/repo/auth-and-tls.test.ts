// Repositories behind basic auth and TLS (certificates made with openssl, served by node:https),
// through helm v4 and Hookline: the same successes and failures, and credentials reach a host
// other than the repository's only with --pass-credentials (headers seen by the real servers).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildRepositoryFolder, helm, helmHomes, hookline, makeCertificates, serveFolder, tempDir, type Certificates, type Run, type StaticServer,
} from './repo-harness.ts';

const tools = { helm, hookline };
const folder = buildRepositoryFolder();
let certs: Certificates;
let authServer: StaticServer;
let tlsServer: StaticServer;
let mtlsServer: StaticServer;

before(async () => {
  certs = makeCertificates();
  authServer = await serveFolder(folder, { basicAuth: 'chart-user:s3cret' });
  tlsServer = await serveFolder(folder, { tls: certs });
  mtlsServer = await serveFolder(folder, { tls: certs, requireClientCert: true });
});
after(async () => {
  await Promise.all([authServer.close(), tlsServer.close(), mtlsServer.close()]);
});

/** The same steps through both tools, each in fresh homes; exit codes must agree step by step. */
async function bothTools(steps: (url: string) => string[][], url: string): Promise<Record<'helm' | 'hookline', Run[]>> {
  const out = { helm: [] as Run[], hookline: [] as Run[] };
  for (const name of ['helm', 'hookline'] as const) {
    const env = helmHomes(tempDir(name));
    for (const args of steps(url)) out[name].push(await tools[name](args, env));
  }
  out.helm.forEach((h, i) => assert.equal(out.hookline[i].code, h.code, `exit code of step ${i}: ${steps(url)[i].join(' ')}\nhelm: ${h.stderr}\nhookline: ${out.hookline[i].stderr}`));
  return out;
}

describe('basic auth', () => {
  test('missing and wrong credentials fail as helm fails; right ones work for add and template', async () => {
    const runs = await bothTools((url) => [
      ['repo', 'add', 'private', url],
      ['repo', 'add', 'private', url, '--username', 'chart-user', '--password', 'wrong'],
      ['repo', 'add', 'private', url, '--username', 'chart-user', '--password', 's3cret'],
      ['template', 'x', 'private/render-basics'],
      ['template', 'x', 'render-basics', '--repo', url, '--username', 'chart-user', '--password', 's3cret'],
      ['template', 'x', 'render-basics', '--repo', url],
      ['repo', 'add', 'from-stdin', url, '--username', 'chart-user', '--password-stdin'],
    ], authServer.url);
    for (const i of [0, 1, 5]) {
      assert.equal(runs.hookline[i].stderr, runs.helm[i].stderr);
      assert.match(runs.hookline[i].stderr, /401 Unauthorized/);
    }
    assert.equal(runs.hookline[3].stdout, runs.helm[3].stdout);
    assert.equal(runs.hookline[4].stdout, runs.helm[4].stdout);
    assert.match(runs.hookline[3].stdout, /# Source: render-basics\//);
  });

  test('--password-stdin reads the password from standard input', async () => {
    const env = helmHomes(tempDir('stdin'));
    const r = await hookline(['repo', 'add', 'private', authServer.url, '--username', 'chart-user', '--password-stdin'], env, undefined, 's3cret\n');
    assert.equal(r.code, 0, r.stderr);
    assert.equal((await helm(['template', 'x', 'private/render-basics'], env)).code, 0, 'helm uses the credentials Hookline stored');
  });
});

describe('credentials and other hosts', () => {
  // The index lives behind auth on one server; its chart URLs point at a second server.
  test('the chart host gets the credentials only with --pass-credentials, in both tools', async () => {
    const chartsDir = tempDir('chart-host');
    const chartHost = await serveFolder(chartsDir);
    buildRepositoryFolder(chartHost.url, chartsDir);
    const indexHost = await serveFolder(chartsDir, { basicAuth: 'chart-user:s3cret' });
    try {
      const seen: Record<string, Array<string | undefined>> = {};
      for (const [name, tool] of Object.entries(tools)) {
        for (const pass of [false, true]) {
          chartHost.requests.length = 0;
          const env = helmHomes(tempDir(name));
          const r = await tool(['template', 'x', 'render-basics', '--repo', indexHost.url, '--username', 'chart-user', '--password', 's3cret', ...(pass ? ['--pass-credentials'] : [])], env);
          assert.equal(r.code, 0, r.stderr);
          seen[`${name} pass=${pass}`] = chartHost.requests.map((q) => q.authorization);
        }
      }
      const basic = `Basic ${Buffer.from('chart-user:s3cret').toString('base64')}`;
      assert.deepEqual(seen, {
        'helm pass=false': [undefined], 'helm pass=true': [basic],
        'hookline pass=false': [undefined], 'hookline pass=true': [basic],
      });
    } finally {
      await Promise.all([chartHost.close(), indexHost.close()]);
    }
  });
});

describe('TLS', () => {
  test('an unknown CA fails; --ca-file and --insecure-skip-tls-verify work, and the repository keeps them', async () => {
    const runs = await bothTools((url) => [
      ['repo', 'add', 'secure', url],
      ['repo', 'add', 'secure', url, '--ca-file', certs.ca],
      ['template', 'x', 'secure/render-basics'],
      ['repo', 'add', 'skip', url, '--insecure-skip-tls-verify'],
      ['template', 'x', 'skip/render-basics'],
      ['template', 'x', 'render-basics', '--repo', url, '--ca-file', certs.ca],
      ['template', 'x', 'render-basics', '--repo', url],
    ], tlsServer.url);
    for (const i of [0, 6]) {
      assert.equal(runs.hookline[i].stderr, runs.helm[i].stderr);
      assert.match(runs.hookline[i].stderr, /x509: certificate signed by unknown authority/);
    }
    for (const i of [2, 4, 5]) assert.equal(runs.hookline[i].stdout, runs.helm[i].stdout);
  });

  test('a server that demands a client certificate gets it from --cert-file/--key-file', async () => {
    const runs = await bothTools((url) => [
      ['repo', 'add', 'mtls', url, '--ca-file', certs.ca],
      ['repo', 'add', 'mtls', url, '--ca-file', certs.ca, '--cert-file', certs.clientCert, '--key-file', certs.clientKey],
      ['template', 'x', 'mtls/render-basics'],
    ], mtlsServer.url);
    // Go's transport words the same refusal two ways depending on when the server's TLS 1.3 alert
    // arrives (before or after the request was written): helm sometimes adds "readLoopPeekFailLocked: ".
    const racyPrefix = (text: string) => text.replace('readLoopPeekFailLocked: ', '');
    assert.equal(racyPrefix(runs.hookline[0].stderr), racyPrefix(runs.helm[0].stderr));
    assert.match(runs.hookline[0].stderr, /remote error: tls: certificate required/);
    assert.equal(runs.hookline[2].stdout, runs.helm[2].stdout);
    assert.match(runs.hookline[2].stdout, /# Source: /);
  });
});
