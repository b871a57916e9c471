// Provenance (.prov) files with keys made by gpg: what helm package --sign signs, Hookline
// verifies, and the other way round; pull --verify and template --verify from a real chart
// repository; tampered archives, unknown signers and missing .prov files fail as in helm.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeSigningKeys, type SigningKeys } from '../support/gpg-keys.ts';
import { ensureDir, fixtureCharts, helm, helmHomes, helmSync, hookline, serveFolder, tempDir, type StaticServer } from './repo-harness.ts';

type Keys = SigningKeys;

const makeKeys = (name: string, passphrase = '') => makeSigningKeys(tempDir('gnupg'), name, passphrase);

let signer: Keys;
let stranger: Keys;
let server: StaticServer;
let repoDir: string;

before(async () => {
  signer = makeKeys('Chart Signer');
  stranger = makeKeys('Someone Else');
  repoDir = tempDir('signed-repo');
  helmSync(['package', join(fixtureCharts, 'render-basics'), '--sign', '--key', signer.name, '--keyring', signer.secring, '-d', repoDir]);
  helmSync(['package', join(fixtureCharts, 'render-files'), '-d', repoDir]);
  helmSync(['repo', 'index', repoDir]);
  server = await serveFolder(repoDir);
});
after(() => server.close());

describe('verify and package --sign compared with helm', () => {
  test('each tool verifies what the other signed, with the same report', async () => {
    const out = tempDir('signed');
    const k = await hookline(['package', join(fixtureCharts, 'render-files'), '--sign', '--key', signer.name, '--keyring', signer.secring, '-d', out], {});
    assert.equal(k.code, 0, k.stderr);
    const ours = readdirSync(out).find((f) => f.endsWith('.tgz'))!;
    assert.ok(readdirSync(out).includes(`${ours}.prov`));
    for (const archive of [join(out, ours), join(repoDir, 'render-basics-1.2.3.tgz')]) {
      const [h, kv] = [await helm(['verify', archive, '--keyring', signer.pubring], {}), await hookline(['verify', archive, '--keyring', signer.pubring], {})];
      assert.equal(h.code, 0, h.stderr);
      assert.equal(kv.stdout, h.stdout);
      assert.match(kv.stdout, /^Signed by: Chart Signer <chart\.signer@example\.test>\nUsing Key With Fingerprint: [0-9A-F]{40}\nChart Hash Verified: sha256:[0-9a-f]{64}\n$/);
    }
  });

  test('a key protected by a passphrase signs with --passphrase-file', async () => {
    const keys = makeKeys('Locked Signer', 'open sesame');
    const out = tempDir('locked');
    const file = join(out, 'passphrase');
    writeFileSync(file, 'open sesame\n');
    const args = ['package', join(fixtureCharts, 'render-basics'), '--sign', '--key', 'Locked', '--keyring', keys.secring, '-d', out];
    const missing = await hookline(args, {});
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /passphrase/);
    assert.equal((await hookline([...args, '--passphrase-file', file], {})).code, 0);
    assert.equal((await helm(['verify', join(out, 'render-basics-1.2.3.tgz'), '--keyring', keys.pubring], {})).code, 0);
  });

  test('a tampered archive, an unknown signer, a directory and a missing keyring fail as in helm', async () => {
    const dir = tempDir('tampered');
    for (const f of ['render-basics-1.2.3.tgz', 'render-basics-1.2.3.tgz.prov']) copyFileSync(join(repoDir, f), join(dir, f));
    const archive = join(dir, 'render-basics-1.2.3.tgz');
    const cases = [
      ['verify', join(repoDir, 'render-basics-1.2.3.tgz'), '--keyring', stranger.pubring],
      ['verify', join(fixtureCharts, 'render-basics'), '--keyring', signer.pubring],
      ['verify', join(repoDir, 'render-basics-1.2.3.tgz'), '--keyring', join(dir, 'no-keyring.gpg')],
      ['verify', join(repoDir, readdirSync(repoDir).find((f) => f.startsWith('render-files-'))!), '--keyring', signer.pubring],
    ];
    for (const args of cases) {
      const [h, k] = [await helm(args, {}), await hookline(args, {})];
      assert.equal(h.code, 1, args.join(' '));
      assert.equal(k.code, 1, args.join(' '));
      assert.equal(k.stderr, h.stderr, args.join(' '));
    }
    appendFileSync(archive, Buffer.from([0]));
    const [h, k] = [await helm(['verify', archive, '--keyring', signer.pubring], {}), await hookline(['verify', archive, '--keyring', signer.pubring], {})];
    assert.equal(k.code, 1);
    assert.equal(k.stderr, h.stderr);
    assert.match(k.stderr, /sha256 sum does not match/);
  });
});

describe('--verify on charts from a repository', () => {
  test('pull --verify writes the chart and its .prov and reports the signer, as helm does', async () => {
    const [hd, kd] = [tempDir('h'), tempDir('k')];
    const [he, ke] = [helmHomes(tempDir('h')), helmHomes(tempDir('k'))];
    for (const [tool, env] of [[helm, he], [hookline, ke]] as const) assert.equal((await tool(['repo', 'add', 'signed', server.url], env)).code, 0);
    const steps = [
      ['pull', 'signed/render-basics', '--verify', '--keyring', signer.pubring],
      ['pull', 'signed/render-files', '--verify', '--keyring', signer.pubring, '-d', 'unsigned'],
      ['pull', 'signed/render-basics', '--verify', '--keyring', stranger.pubring, '-d', 'stranger'],
      ['pull', 'signed/render-basics', '--prov', '-d', 'prov'],
      ['template', 'x', 'signed/render-basics', '--verify', '--keyring', signer.pubring],
      ['template', 'x', 'render-basics', '--repo', server.url, '--verify', '--keyring', signer.pubring],
    ];
    for (const d of [hd, kd]) for (const sub of ['unsigned', 'stranger', 'prov']) ensureDir(join(d, sub));
    for (const args of steps) {
      const [h, k] = [await helm(args, he, hd), await hookline(args, ke, kd)];
      assert.equal(k.code, h.code, `${args.join(' ')}: ${k.stderr}`);
      assert.equal(k.stdout, h.stdout, args.join(' '));
      if (h.code !== 0) assert.equal(k.stderr, h.stderr, args.join(' '));
    }
    const files = (d: string) => readdirSync(d, { recursive: true }).map(String).sort();
    // helm leaves a chart whose check failed in the destination; Hookline writes nothing then.
    for (const d of [join(hd, 'stranger'), join(hd, 'unsigned')]) rmSync(d, { recursive: true, force: true });
    for (const d of [join(kd, 'stranger'), join(kd, 'unsigned')]) assert.deepEqual(readdirSync(d), []);
    rmSync(join(kd, 'stranger'), { recursive: true });
    rmSync(join(kd, 'unsigned'), { recursive: true });
    assert.deepEqual(files(kd), files(hd));
    assert.deepEqual(files(kd), ['prov', 'prov/render-basics-1.2.3.tgz', 'prov/render-basics-1.2.3.tgz.prov', 'render-basics-1.2.3.tgz', 'render-basics-1.2.3.tgz.prov']);
    assert.equal(readFileSync(join(kd, 'render-basics-1.2.3.tgz.prov'), 'utf8'), readFileSync(join(repoDir, 'render-basics-1.2.3.tgz.prov'), 'utf8'));
  });

  test('dependency update --verify needs every .prov; build --verify warns about a missing one', async () => {
    const outputs: string[] = [];
    for (const tool of [helm, hookline]) {
      const env = helmHomes(tempDir('deps'));
      assert.equal((await tool(['repo', 'add', 'signed', server.url], env)).code, 0);
      const chart = join(tempDir('parent'), 'parent');
      ensureDir(join(chart, 'templates'));
      const deps = (names: string[]) => names.map((n) => `- name: ${n}\n  version: "*"\n  repository: ${server.url}\n`).join('');
      writeFileSync(join(chart, 'Chart.yaml'), `apiVersion: v2\nname: parent\nversion: 1.0.0\ndependencies:\n${deps(['render-basics'])}`);
      let out = '';
      const step = async (args: string[]) => {
        const r = await tool(args, env);
        out += `$ ${args.join(' ')}\n${r.stdout}${r.stderr}exit ${r.code}\n`;
      };
      await step(['dependency', 'update', chart, '--verify', '--keyring', signer.pubring]);
      await step(['dependency', 'build', chart, '--verify', '--keyring', stranger.pubring]);
      writeFileSync(join(chart, 'Chart.yaml'), `apiVersion: v2\nname: parent\nversion: 1.0.0\ndependencies:\n${deps(['render-basics', 'render-files'])}`);
      await step(['dependency', 'update', chart, '--verify', '--keyring', signer.pubring]);
      await step(['dependency', 'update', chart]);
      await step(['dependency', 'build', chart, '--verify', '--keyring', signer.pubring]);
      out += readdirSync(join(chart, 'charts')).sort().join(' ');
      outputs.push(out.replaceAll(chart, 'CHART').replace(/tmpcharts-\d+/g, 'tmpcharts-N').replace(/(?:\.\.\.Successfully[^\n]*\n)+/g, (b) => b.split('\n').filter(Boolean).sort().join('\n') + '\n'));
    }
    assert.equal(outputs[1], outputs[0]);
    assert.match(outputs[1], /WARNING: Verification not found for http:[^ ]*render-files-2\.0\.0\.tgz: failed to fetch/);
    assert.match(outputs[1], /openpgp: signature made by unknown entity/);
  });
});
