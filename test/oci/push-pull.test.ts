// Differential tests against helm v4 on a real registry (TLS, basic auth): what one tool
// pushes the other pulls and renders identically, with the same manifest digest, and
// --version picks the same chart version by exact tag, semver range or digest.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRegistry, type TestRegistry } from '../support/registry.ts';
import { loggedInHomes, ok, packagedChart, run, type Tool } from './tools.ts';

let registry: TestRegistry;
let homes: Record<Tool, NodeJS.ProcessEnv>;
let tls: string[];
let archive = '';

before(async () => {
  registry = await startRegistry();
  tls = ['--ca-file', registry.caFile!];
  homes = loggedInHomes(registry);
  archive = packagedChart(registry.workDir, 'webapp', '0.1.0');
});

after(() => registry.stop());

/** The "Pushed:"/"Pulled:" and "Digest:" lines a command printed. */
const transferLines = (stderr: string) => stderr.split('\n').filter((l) => /^(Pushed|Pulled|Digest): /.test(l));

describe('push', () => {
  test('Hookline pushes the manifest helm pushes: same digest, same output', () => {
    const helm = ok('helm', ['push', archive, `oci://${registry.host}/by-helm`, ...tls], homes.helm);
    const hookline = ok('hookline', ['push', archive, `oci://${registry.host}/by-hookline`, ...tls], homes.hookline);
    assert.equal(hookline.stdout, helm.stdout);
    assert.deepEqual(transferLines(hookline.stderr), transferLines(helm.stderr).map((l) => l.replace('/by-helm/', '/by-hookline/')));
    assert.match(hookline.stderr, new RegExp(`^Pushed: ${registry.host}/by-hookline/webapp:0.1.0\nDigest: sha256:[0-9a-f]{64}\n$`));
  });

  test('a provenance file beside the archive is pushed as helm pushes it', () => {
    const dir = join(registry.workDir, 'signed');
    mkdirSync(dir, { recursive: true });
    const signed = join(dir, 'webapp-0.1.0.tgz');
    copyFileSync(archive, signed);
    const packagedAt = new Date('2026-01-02T03:04:05Z');
    utimesSync(signed, packagedAt, packagedAt);
    writeFileSync(`${signed}.prov`, '-----BEGIN PGP SIGNED MESSAGE-----\nnot checked by push\n');
    const helm = ok('helm', ['push', signed, `oci://${registry.host}/prov-helm`, ...tls], homes.helm);
    const hookline = ok('hookline', ['push', signed, `oci://${registry.host}/prov-hookline`, ...tls], homes.hookline);
    const digest = (s: string) => /Digest: (\S+)/.exec(s)![1];
    assert.equal(digest(hookline.stderr), digest(helm.stderr));
    const unsigned = ok('hookline', ['push', archive, `oci://${registry.host}/unsigned`, ...tls], homes.hookline);
    assert.notEqual(digest(unsigned.stderr), digest(hookline.stderr), 'the provenance layer changes the manifest');
  });

  test('a version with build metadata is tagged with "_" and helm\'s note is printed', () => {
    const built = packagedChart(join(registry.workDir, 'built'), 'webapp', '0.3.0+build.7');
    const helm = ok('helm', ['push', built, `oci://${registry.host}/plus-helm`, ...tls], homes.helm);
    const hookline = ok('hookline', ['push', built, `oci://${registry.host}/plus-hookline`, ...tls], homes.hookline);
    assert.equal(hookline.stderr, helm.stderr.replaceAll('/plus-helm/', '/plus-hookline/'));
    assert.match(hookline.stderr, /webapp:0\.3\.0_build\.7 contains an underscore/);
  });
});

describe('pull and render across tools', () => {
  test('pushed by Hookline: helm pulls the same bytes and renders what Hookline renders', () => {
    ok('hookline', ['push', archive, `oci://${registry.host}/hl`, ...tls], homes.hookline);
    const dest = join(registry.workDir, 'helm-pulled');
    mkdirSync(dest, { recursive: true });
    ok('helm', ['pull', `oci://${registry.host}/hl/webapp`, '--version', '0.1.0', '-d', dest, ...tls], homes.helm);
    assert.deepEqual(readFileSync(join(dest, 'webapp-0.1.0.tgz')), readFileSync(archive));
    const ref = `oci://${registry.host}/hl/webapp`;
    const helm = ok('helm', ['template', 'rel', ref, ...tls], homes.helm);
    const hookline = ok('hookline', ['template', 'rel', ref, ...tls], homes.hookline);
    assert.equal(hookline.stdout, helm.stdout);
    assert.match(hookline.stdout, /name: rel-webapp/);
    assert.deepEqual(transferLines(hookline.stderr), transferLines(helm.stderr));
  });

  test('pushed by helm: Hookline renders it as helm does, from the registry and then from the shared cache', () => {
    ok('helm', ['push', archive, `oci://${registry.host}/hm`, ...tls], homes.helm);
    const ref = `oci://${registry.host}/hm/webapp:0.1.0`;
    const helm = ok('helm', ['template', 'rel', ref, ...tls], homes.helm);
    const first = ok('hookline', ['template', 'rel', ref, ...tls], homes.hookline);
    const cachedRun = ok('hookline', ['template', 'rel', ref, ...tls], homes.hookline);
    assert.equal(first.stdout, helm.stdout);
    assert.equal(cachedRun.stdout, helm.stdout);
    const hex = createHash('sha256').update(readFileSync(archive)).digest('hex');
    assert.deepEqual(readFileSync(join(homes.hookline.HELM_CONTENT_CACHE!, hex.slice(0, 2), `${hex}.chart`)), readFileSync(archive),
      'the chart sits in helm\'s content cache under its sha256');
  });
});

describe('--version picks what helm picks', () => {
  const repo = () => `oci://${registry.host}/versions/webapp`;
  before(() => {
    for (const version of ['0.1.0', '0.2.0', '0.2.5', '1.0.0-rc.1', '0.9.0+meta']) {
      ok('helm', ['push', packagedChart(join(registry.workDir, `v-${version}`), 'webapp', version), `oci://${registry.host}/versions`, ...tls], homes.helm);
    }
  });

  for (const version of ['0.2.0', '~0.2', '^0.1', '>=0.1.0 <0.2.0', '0.9.0+meta', '>0.0.0-0', '']) {
    test(`--version ${JSON.stringify(version)}`, () => {
      const args = ['template', 'rel', repo(), ...(version ? ['--version', version] : []), ...tls];
      const helm = ok('helm', args, homes.helm);
      const hookline = ok('hookline', args, homes.hookline);
      assert.deepEqual(transferLines(hookline.stderr), transferLines(helm.stderr));
      assert.equal(hookline.stdout, helm.stdout);
    });
  }

  test('--devel admits pre-releases as helm does', () => {
    const args = ['template', 'rel', repo(), '--devel', ...tls];
    const helm = ok('helm', args, homes.helm);
    const hookline = ok('hookline', args, homes.hookline);
    assert.deepEqual(transferLines(hookline.stderr), transferLines(helm.stderr));
    assert.match(hookline.stdout, /version: "1\.0\.0-rc\.1"/);
  });

  test('by digest, alone and checked against --version', () => {
    const pushed = ok('hookline', ['push', packagedChart(join(registry.workDir, 'digest'), 'webapp', '0.4.0'), `oci://${registry.host}/versions`, ...tls], homes.hookline);
    const digest = /Digest: (\S+)/.exec(pushed.stderr)![1];
    for (const extra of [[], ['--version', '0.4.0']]) {
      const args = ['template', 'rel', `${repo()}@${digest}`, ...extra, ...tls];
      const helm = ok('helm', args, homes.helm);
      const hookline = ok('hookline', args, homes.hookline);
      assert.equal(hookline.stdout, helm.stdout);
      assert.match(hookline.stdout, /version: "0\.4\.0"/);
      assert.deepEqual(transferLines(hookline.stderr), transferLines(helm.stderr));
    }
    const mismatch = ['template', 'rel', `${repo()}@${digest}`, '--version', '0.2.0', ...tls];
    const helm = run('helm', mismatch, homes.helm);
    const hookline = run('hookline', mismatch, homes.hookline);
    assert.equal(hookline.code, 1);
    assert.equal(hookline.stderr, helm.stderr);
    assert.match(hookline.stderr, /^Error: chart reference digest mismatch: sha256:[0-9a-f]{64} is not sha256:/);
  });

  test('a version no tag satisfies fails as in helm', () => {
    const args = ['template', 'rel', repo(), '--version', '>5', ...tls];
    const helm = run('helm', args, homes.helm);
    const hookline = run('hookline', args, homes.hookline);
    assert.equal(hookline.code, 1);
    assert.equal(hookline.stderr, helm.stderr);
    assert.equal(hookline.stdout, '');
  });
});

describe('TLS without the CA', () => {
  test('--insecure-skip-tls-verify pulls as in helm; without it the certificate is refused', () => {
    ok('hookline', ['push', archive, `oci://${registry.host}/insecure`, ...tls], homes.hookline);
    const ref = `oci://${registry.host}/insecure/webapp`;
    const helm = ok('helm', ['template', 'r', ref, '--insecure-skip-tls-verify'], homes.helm);
    const hookline = ok('hookline', ['template', 'r', ref, '--insecure-skip-tls-verify'], homes.hookline);
    assert.equal(hookline.stdout, helm.stdout);
    const refused = run('hookline', ['template', 'r', ref], homes.hookline);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, new RegExp(`^Error: GET "https://${registry.host}/v2/insecure/webapp/tags/list": .*certificate`));
  });
});
