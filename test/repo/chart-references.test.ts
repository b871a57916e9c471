// Chart arguments from HTTP repositories (REPO/CHART, --repo URL, a chart URL) with --version
// ranges and --devel, through `template`, `pull` and `show` of helm v4 and Hookline: same
// output and files; and interop: what `helm repo add` set up, Hookline installs from.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildRepositoryFolder, ensureDir, helm, helmHomes, hookline, serveFolder, tempDir, type Run, type StaticServer } from './repo-harness.ts';
import { fileTree } from '../support/files.ts';

let server: StaticServer;
let repoUrl: string;

before(async () => {
  // The charts live under /stable/ and the index has relative URLs, so both tools must resolve
  // each chart URL against the repository URL.
  const root = tempDir('served');
  const folder = buildRepositoryFolder();
  ensureDir(join(root, 'stable'));
  for (const f of readdirSync(folder)) copyFileSync(join(folder, f), join(root, 'stable', f));
  server = await serveFolder(root);
  repoUrl = `${server.url}/stable`;
});
after(() => server.close());

function ok(r: Run, what: string): Run {
  assert.equal(r.code, 0, `${what}: ${r.stderr}`);
  return r;
}

async function homesWithRepo(tool: typeof helm): Promise<NodeJS.ProcessEnv> {
  const env = helmHomes(tempDir('homes'));
  ok(await tool(['repo', 'add', 'stable', repoUrl], env), 'repo add');
  return env;
}

/** Every file under `dir` with its SHA-256, by relative path. */
const tree = (dir: string) => fileTree(dir, (p) => createHash('sha256').update(readFileSync(p)).digest('hex'));

const references = (): string[][] => [
  ['stable/render-basics'],
  ['stable/lifecycle-hooks'],
  ['stable/lifecycle-hooks', '--version', '~0.1'],
  ['stable/lifecycle-hooks', '--version', '0.2.0'],
  ['stable/lifecycle-hooks', '--devel'],
  ['stable/lifecycle-hooks', '--version', '>=0.3.0-0'],
  ['lifecycle-hooks', '--repo', repoUrl, '--version', '^0.1.0'],
  ['render-files', '--repo', `${repoUrl}/`],
  [`${repoUrl}/render-basics-1.2.3.tgz`],
  // Errors: no such repository, chart, version; a local path that is not there.
  ['missing/render-basics'],
  ['stable/no-such-chart'],
  ['stable/lifecycle-hooks', '--version', '9.9.9'],
  ['no-such-chart', '--repo', repoUrl],
  ['lifecycle-hooks', '--repo', repoUrl, '--version', '7'],
  ['./not-here'],
  ['not-a-reference'],
  [`${repoUrl}/nothing-1.0.0.tgz`],
];

describe('chart references compared with helm', () => {
  test('template renders the same chart (or fails the same way) for each reference', async () => {
    const [he, ke] = [await homesWithRepo(helm), await homesWithRepo(hookline)];
    let rendered = 0;
    for (const ref of references()) {
      const args = ['template', 'x', ...ref];
      const [h, k] = [await helm(args, he), await hookline(args, ke)];
      if (k.code === 0 && k.stdout.includes('# Source: ')) rendered++;
      assert.equal(k.stdout, h.stdout, `stdout of ${args.join(' ')}`);
      assert.equal(k.stderr, h.stderr, `stderr of ${args.join(' ')}`);
      assert.equal(k.code, h.code, `exit code of ${args.join(' ')}`);
    }
    assert.equal(rendered, 9, 'the first nine references resolve to a chart');
  });

  test('the content cache holds the same downloads under the same digests', async () => {
    const [he, ke] = [await homesWithRepo(helm), await homesWithRepo(hookline)];
    for (const ref of [['stable/render-basics'], ['stable/lifecycle-hooks', '--devel']]) {
      ok(await helm(['template', 'x', ...ref], he), 'helm');
      ok(await hookline(['template', 'x', ...ref], ke), 'hookline');
    }
    const content = (env: NodeJS.ProcessEnv) => tree(join(env.HELM_CACHE_HOME!, 'content'));
    assert.deepEqual(content(ke), content(he));
    assert.equal(Object.keys(content(ke)).length, 2);
  });

  test('interop: helm repo add, then Hookline renders from that repository; Hookline adds, helm renders', async () => {
    const shared = helmHomes(tempDir('shared'));
    ok(await helm(['repo', 'add', 'by-helm', repoUrl], shared), 'helm repo add');
    ok(await hookline(['repo', 'add', 'by-hookline', repoUrl], shared), 'hookline repo add');
    for (const repo of ['by-helm', 'by-hookline']) {
      const args = ['template', 'x', `${repo}/lifecycle-hooks`, '--version', '0.1.x'];
      const [h, k] = [ok(await helm(args, shared), 'helm template'), ok(await hookline(args, shared), 'hookline template')];
      assert.equal(k.stdout, h.stdout);
      assert.match(k.stdout, /lifecycle-hooks/);
    }
  });
});

describe('pull and show compared with helm', () => {
  test('pull writes the same files for each way of pulling', async () => {
    const [he, ke] = [await homesWithRepo(helm), await homesWithRepo(hookline)];
    const [hd, kd] = [tempDir('pull-helm'), tempDir('pull-hookline')];
    const pulls = [
      ['stable/render-basics'],
      ['stable/lifecycle-hooks', '--devel', '-d', 'pre'],
      ['lifecycle-hooks', '--repo', repoUrl, '--version', '0.1.0', '--untar'],
      ['stable/lifecycle-hooks', '--untar'],
      ['stable/render-files', '--untar', '-d', 'out', '--untardir', 'unpacked'],
      [`${repoUrl}/render-basics-1.2.3.tgz`, '-d', 'by-url'],
      ['stable/render-basics', 'stable/render-files', '-d', 'two'],
      ['stable/render-basics', '--prov', '-d', 'prov'],
      ['stable/render-basics', '-d', 'missing-dir'],
      ['../not-a-repo-reference'],
    ];
    for (const dir of [hd, kd]) for (const d of ['pre', 'by-url', 'two', 'prov']) ensureDir(join(dir, d));
    for (const args of pulls) {
      const [h, k] = [await helm(['pull', ...args], he, hd), await hookline(['pull', ...args], ke, kd)];
      // helm's error for a missing -d folder names its random temp file.
      assert.equal(k.stderr.replace(/\.tgz\d+:/, '.tgz:'), h.stderr.replace(/\.tgz\d+:/, '.tgz:'), `stderr of pull ${args.join(' ')}`);
      assert.equal(k.stdout, h.stdout, `stdout of pull ${args.join(' ')}`);
      assert.equal(k.code, h.code, `exit code of pull ${args.join(' ')}`);
    }
    assert.deepEqual(tree(kd), tree(hd));
    assert.ok(tree(kd)['out/unpacked/render-files/Chart.yaml']);
  });

  test('show chart|values|readme|crds|all print what helm prints', async () => {
    const [he, ke] = [await homesWithRepo(helm), await homesWithRepo(hookline)];
    for (const part of ['chart', 'values', 'readme', 'crds', 'all']) {
      for (const ref of [['stable/render-files'], ['stable/lifecycle-hooks', '--devel'], ['render-basics', '--repo', repoUrl], ['stable/none']]) {
        const args = ['show', part, ...ref];
        const [h, k] = [await helm(args, he), await hookline(args, ke)];
        assert.equal(k.stdout, h.stdout, args.join(' '));
        assert.equal(k.stderr, h.stderr, args.join(' '));
        assert.equal(k.code, h.code, args.join(' '));
      }
    }
  });
});
