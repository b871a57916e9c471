// `-f`/`--values` and `--set-file` from http(s) URLs, as helm's getters read them, against a real
// node:http server: the same rendered output, errors (404, refused connection, bad YAML) and
// exit codes as helm v4, for template and lint.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import { runBothTools, writeChart } from '../support/cli-differential.ts';

const root = writeChart({
  'chart/Chart.yaml': 'apiVersion: v2\nname: chart\nversion: 0.1.0\nicon: https://example.invalid/i.png\n',
  'chart/values.yaml': 'greeting: hello\nreplicas: 1\n',
  'chart/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name | default "cm" }}\ndata:\n{{ toYaml .Values | indent 2 }}\n',
  'local.yaml': 'replicas: 3\n',
});

const served: Record<string, string> = {
  '/values.yaml': 'greeting: from-url\nreplicas: 2\nlist: [a, b]\n',
  '/bad.yaml': 'a: b\n c: d\n',
  '/motd.txt': 'line one\nline two\n',
  '/named.yaml': 'name: Not_A_Name\n',
};
const requests: string[] = [];
let server: Server;
let base = '';
let closedPort = 0;

before(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === '/moved') {
      res.writeHead(302, { Location: '/values.yaml' });
      return res.end();
    }
    const body = served[req.url ?? ''];
    if (body === undefined) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      return res.end('not here\n');
    }
    res.writeHead(200, { 'Content-Type': 'application/yaml' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A port nothing listens on: bound, then released.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
});

after(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(root, { recursive: true, force: true });
});

const cases: Array<[string, () => string[]]> = [
  ['-f URL, then a local file over it', () => ['template', 'rel', 'chart', '-f', `${base}/values.yaml`, '-f', 'local.yaml']],
  ['a local file, then -f URL over it', () => ['template', 'rel', 'chart', '--values', 'local.yaml', '--values', `${base}/values.yaml`]],
  ['--set-file from a URL', () => ['template', 'rel', 'chart', '--set-file', `motd=${base}/motd.txt`]],
  ['an upper-case scheme and a redirect', () => ['template', 'rel', 'chart', '-f', `HTTP://127.0.0.1:${base.split(':')[2]}/moved`]],
  ['a URL that answers 404', () => ['template', 'rel', 'chart', '-f', `${base}/missing.yaml`]],
  ['--set-file from a URL that answers 404', () => ['template', 'rel', 'chart', '--set-file', `motd=${base}/missing.txt`]],
  ['a URL whose YAML does not parse', () => ['template', 'rel', 'chart', '-f', `${base}/bad.yaml`]],
  ['a refused connection', () => ['template', 'rel', 'chart', '-f', `http://127.0.0.1:${closedPort}/values.yaml`]],
  ['a missing local file before a URL', () => ['template', 'rel', 'chart', '-f', 'nowhere.yaml', '-f', `${base}/values.yaml`]],
  ['lint with -f URL', () => ['lint', 'chart', '-f', `${base}/named.yaml`]],
  ['lint with a URL that answers 404', () => ['lint', 'chart', '-f', `${base}/missing.yaml`]],
];

describe('values from URLs like helm', { concurrency: 2 }, () => {
  for (const [what, args] of cases) {
    test(what, async () => {
      const argv = args();
      const run = await runBothTools((tool) => [...argv, ...(tool === 'hookline' && argv[0] === 'lint' ? ['--no-hooks'] : [])], { noKubeconfig: true, cwd: root });
      assert.equal(run.hookline.stdout, run.helm.stdout);
      assert.equal(run.hookline.stderr, run.helm.stderr);
      assert.equal(run.hookline.code, run.helm.code);
    });
  }

  test('the URL\'s values reach the templates', async () => {
    const run = await runBothTools(() => ['template', 'rel', 'chart', '-f', `${base}/values.yaml`], { noKubeconfig: true, cwd: root });
    assert.equal(run.hookline.code, 0, run.hookline.stderr);
    assert.match(run.hookline.stdout, /greeting: from-url\n/);
    assert.ok(requests.filter((r) => r === '/values.yaml').length >= 2, 'both tools fetched the URL');
  });
});
