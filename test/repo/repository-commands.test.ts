// `repo` and `search repo` through helm v4 and Hookline, each with its own helm homes, against
// one real HTTP chart repository whose charts and index helm made: same output, exit codes and
// files (repositories.yaml, NAME-index.yaml, NAME-charts.txt), and `repo index` gives helm's index.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildRepositoryFolder, copyFolder, helm, helmHomes, hookline, serveFolder, tempDir, type Run, type StaticServer } from './repo-harness.ts';

type Tool = (args: string[], env: NodeJS.ProcessEnv, cwd?: string) => Promise<Run>;

let server: StaticServer;
let repoDir: string;

before(async () => {
  repoDir = buildRepositoryFolder();
  server = await serveFolder(repoDir);
});
after(() => server.close());

/** Runs the same steps through one tool in fresh homes; returns the transcript and the homes. */
async function session(tool: Tool, steps: string[][]): Promise<{ transcript: string; env: NodeJS.ProcessEnv }> {
  const env = helmHomes(tempDir('homes'));
  let transcript = '';
  for (const args of steps) {
    const r = await tool(args, env);
    transcript += `$ ${args.join(' ')}\n${r.stdout}${r.stderr}exit ${r.code}\n`;
  }
  return { transcript: unorderedUpdates(transcript), env };
}

// `repo update` fetches repositories in parallel in both tools: its per-repository lines come in any order.
function unorderedUpdates(text: string): string {
  return text.replace(/(?:\.\.\.(?:Successfully|Unable)[^\n]*\n)+/g, (block) => block.split('\n').filter(Boolean).sort().join('\n') + '\n');
}

function sortedLines(path: string): string[] {
  return readFileSync(path, 'utf8').split('\n').filter(Boolean).sort();
}

describe('repo commands compared with helm', () => {
  test('add, list, update, remove: same output, exit codes and files', async () => {
    const steps = [
      ['repo', 'list'],
      ['repo', 'add', 'charts', server.url],
      ['repo', 'add', 'charts', server.url],
      ['repo', 'add', 'charts', `${server.url}/other`],
      ['repo', 'add', 'bad/name', server.url],
      ['repo', 'add', 'second', server.url, '--username', 'u', '--password', 'p', '--pass-credentials'],
      ['repo', 'add', 'charts', server.url, '--force-update', '--insecure-skip-tls-verify'],
      ['repo', 'list'],
      ['repo', 'list', '-o', 'json'],
      ['repo', 'list', '-o', 'yaml'],
      ['repo', 'ls', '--no-headers'],
      ['repo', 'update'],
      ['repo', 'update', 'second', 'missing'],
      ['repo', 'up', 'second'],
      ['repo', 'remove', 'second'],
      ['repo', 'rm', 'second'],
    ];
    const [h, k] = [await session(helm, steps), await session(hookline, steps)];
    assert.equal(k.transcript, h.transcript);
    const files = (env: NodeJS.ProcessEnv) => ({
      repositories: readFileSync(join(env.HELM_CONFIG_HOME!, 'repositories.yaml'), 'utf8'),
      mode: statSync(join(env.HELM_CONFIG_HOME!, 'repositories.yaml')).mode & 0o777,
      config: readdirSync(env.HELM_CONFIG_HOME!).sort(),
      cache: readdirSync(join(env.HELM_CACHE_HOME!, 'repository')).sort(),
      index: readFileSync(join(env.HELM_CACHE_HOME!, 'repository', 'charts-index.yaml'), 'utf8'),
      charts: sortedLines(join(env.HELM_CACHE_HOME!, 'repository', 'charts-charts.txt')),
    });
    assert.deepEqual(files(k.env), files(h.env));
    assert.match(files(k.env).repositories, /insecure_skip_tls_verify: true/);
  });

  test('a repositories.yaml that helm wrote is read by Hookline and the other way round', async () => {
    const env = helmHomes(tempDir('shared'));
    assert.equal((await helm(['repo', 'add', 'by-helm', server.url], env)).code, 0);
    assert.equal((await hookline(['repo', 'add', 'by-hookline', server.url], env)).code, 0);
    const [h, k] = [await helm(['repo', 'list', '-o', 'json'], env), await hookline(['repo', 'list', '-o', 'json'], env)];
    assert.equal(k.stdout, h.stdout);
    assert.deepEqual(JSON.parse(h.stdout).map((r: { name: string }) => r.name), ['by-helm', 'by-hookline']);
    assert.equal((await helm(['repo', 'remove', 'by-hookline'], env)).code, 0);
    assert.equal((await hookline(['repo', 'remove', 'by-helm'], env)).stdout, '"by-helm" has been removed from your repositories\n');
  });
});

describe('search repo compared with helm', () => {
  const queries = [
    [], ['lifecycle'], ['--versions'], ['-l', 'lifecycle'], ['--devel'], ['--version', '~0.1'], ['--version', '>=0.1.0', '-l'],
    ['--version', 'not-a-constraint'], ['-r', 'render-.*s$'], ['-r', '('], ['-o', 'json'], ['-o', 'yaml', '--devel'],
    ['nothing-matches'], ['--fail-on-no-result', 'nothing-matches'], ['--max-col-width', '12'], ['--max-col-width', '0'], ['template'],
  ];
  test('same table, JSON, YAML and errors for each query', async () => {
    const steps = [['search', 'repo'], ['repo', 'add', 'charts', server.url], ['repo', 'add', 'again', server.url], ...queries.map((q) => ['search', 'repo', ...q])];
    const [h, k] = [await session(helm, steps), await session(hookline, steps)];
    assert.equal(k.transcript, h.transcript);
    assert.match(k.transcript, /again\/lifecycle-hooks\s+0\.3\.0-rc\.1/);
  });
});

describe('repo index compared with helm', () => {
  // Only the generation times differ (each tool's clock).
  const masked = (path: string) => readFileSync(path, 'utf8').replace(/(created|generated)": ?"[^"]*"|(created|generated): .*/g, '$1$2: T');

  for (const flags of [[], ['--url', 'https://charts.example.test/stable/'], ['--json']]) {
    test(`repo index ${flags.join(' ')}`, async () => {
      const [a, b] = [copyFolder(repoDir), copyFolder(repoDir)];
      assert.equal((await helm(['repo', 'index', a, ...flags], {})).code, 0);
      const k = await hookline(['repo', 'index', b, ...flags], {});
      assert.equal(k.code, 0, k.stderr);
      assert.equal(masked(join(b, 'index.yaml')), masked(join(a, 'index.yaml')));
    });
  }

  test('times as helm writes them: nanoseconds (RFC3339Nano, trailing zeros trimmed) in the local zone', async () => {
    const [a, b] = [copyFolder(repoDir), copyFolder(repoDir)];
    const zone = { TZ: 'Asia/Kolkata' };
    assert.equal((await helm(['repo', 'index', a], zone)).code, 0);
    assert.equal((await hookline(['repo', 'index', b], zone)).code, 0);
    const times = (path: string) => [...readFileSync(path, 'utf8').matchAll(/(?:created|generated): "?([^"\n]*)/g)].map((m) => m[1]);
    // More than three fractional digits: a millisecond clock would not show them (a nanosecond
    // one shows fewer only when its last six digits happen to be zeros).
    const shape = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3,8}[1-9]\+05:30$/;
    for (const [tool, dir] of [['helm', a], ['hookline', b]]) {
      const found = times(join(dir, 'index.yaml'));
      assert.ok(found.length > 3, `${tool}: times found`);
      for (const t of found) assert.match(t, shape, `${tool}: ${t}`);
    }
  });

  test('--merge keeps the existing index\'s other entries; a missing --merge file is created', async () => {
    const [a, b] = [copyFolder(repoDir), copyFolder(repoDir)];
    const old = join(tempDir('old'), 'index.yaml');
    copyFileSync(join(repoDir, 'index.yaml'), old);
    await helm(['repo', 'index', a, '--merge', old, '--url', 'http://moved.example.test'], {});
    await hookline(['repo', 'index', b, '--merge', old, '--url', 'http://moved.example.test'], {});
    assert.equal(masked(join(b, 'index.yaml')), masked(join(a, 'index.yaml')));
    const [ma, mb] = [join(tempDir('m'), 'new.yaml'), join(tempDir('m'), 'new.yaml')];
    await helm(['repo', 'index', a, '--merge', ma], {});
    await hookline(['repo', 'index', b, '--merge', mb], {});
    assert.equal(masked(mb), masked(ma));
  });
});
