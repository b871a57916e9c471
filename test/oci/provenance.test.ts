// Signed charts in a registry: a chart helm signed (package --sign) is pushed with its .prov
// layer, and --verify on template and pull checks it as helm does; an unknown signer and a
// chart without provenance fail as in helm.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeSigningKeys, type SigningKeys } from '../support/gpg-keys.ts';
import { startRegistry, type TestRegistry } from '../support/registry.ts';
import { helmHome, ok, packagedChart, run, type Tool } from './tools.ts';

let registry: TestRegistry;
let signer: SigningKeys;
let stranger: SigningKeys;
const homes = {} as Record<Tool, NodeJS.ProcessEnv>;

before(async () => {
  registry = await startRegistry({ secure: false });
  for (const tool of ['helm', 'hookline'] as const) homes[tool] = helmHome(join(registry.workDir, `home-${tool}`));
  const keyHome = (name: string) => mkdtempSync(join(registry.workDir, `gnupg-${name}-`));
  signer = makeSigningKeys(keyHome('signer'), 'Chart Signer');
  stranger = makeSigningKeys(keyHome('stranger'), 'Someone Else');
  // Sign with helm: package the chart folder packagedChart wrote, again with --sign.
  packagedChart(registry.workDir, 'signed', '1.0.0');
  const out = join(registry.workDir, 'signed-out');
  ok('helm', ['package', join(registry.workDir, 'src', 'signed-1.0.0'), '--sign', '--key', signer.name, '--keyring', signer.secring, '-d', out], homes.helm);
  ok('hookline', ['push', join(out, 'signed-1.0.0.tgz'), `oci://${registry.host}/charts`, '--plain-http'], homes.hookline);
  ok('hookline', ['push', packagedChart(join(registry.workDir, 'unsigned'), 'unsigned', '1.0.0'), `oci://${registry.host}/charts`, '--plain-http'], homes.hookline);
});

after(() => registry.stop());

function both(args: string[]) {
  return (['helm', 'hookline'] as const).map((tool) => {
    const dir = join(registry.workDir, 'runs', `${tool}-${args.join('_').replace(/[^\w.-]/g, '_')}`);
    mkdirSync(dir, { recursive: true });
    const result = run(tool, [...args, '--plain-http'], homes[tool], { cwd: dir });
    return { ...result, files: readdirSync(dir).sort(), dir };
  });
}

describe('--verify with oci://', () => {
  test('template --verify: a good signature renders as helm renders it', () => {
    const [helm, hookline] = both(['template', 'r', `oci://${registry.host}/charts/signed`, '--version', '1.0.0', '--verify', '--keyring', signer.pubring]);
    assert.equal(helm.code, 0, helm.stderr);
    assert.equal(hookline.code, 0, hookline.stderr);
    assert.equal(hookline.stdout, helm.stdout);
    assert.match(hookline.stdout, /name: r-signed/);
  });

  test('pull --verify writes the chart and its .prov and reports the signer as helm does', () => {
    const [helm, hookline] = both(['pull', `oci://${registry.host}/charts/signed`, '--verify', '--keyring', signer.pubring]);
    assert.equal(hookline.code, 0, hookline.stderr);
    assert.deepEqual(hookline.files, helm.files);
    assert.deepEqual(hookline.files, ['signed-1.0.0.tgz', 'signed-1.0.0.tgz.prov']);
    for (const f of hookline.files) assert.deepEqual(readFileSync(join(hookline.dir, f)), readFileSync(join(helm.dir, f)));
    assert.equal(hookline.stdout, helm.stdout);
    assert.match(hookline.stdout, /Signed by: Chart Signer/);
  });

  test('an unknown signer and a chart without provenance fail as in helm', () => {
    for (const args of [
      ['template', 'r', `oci://${registry.host}/charts/signed`, '--version', '1.0.0', '--verify', '--keyring', stranger.pubring],
      ['template', 'r', `oci://${registry.host}/charts/unsigned`, '--version', '1.0.0', '--verify', '--keyring', signer.pubring],
    ]) {
      const [helm, hookline] = both(args);
      assert.equal(helm.code, 1);
      assert.equal(hookline.code, 1, hookline.stdout);
      assert.equal(hookline.stdout, '');
      assert.equal(hookline.stderr.split('\n').filter((l) => l.startsWith('Error:')).join('\n'), helm.stderr.split('\n').filter((l) => l.startsWith('Error:')).join('\n'));
    }
  });
});
