// `env` compared with helm v4's (same names and values for the same environment, HELM_BIN
// aside), and `completion bash` exercised in a real bash: commands, subcommands, flags and
// REPO/CHART names from the repository cache.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { helm, helmHomes, hookline, tempDir } from './repo-harness.ts';

describe('env', () => {
  test('prints what helm env prints for the same environment', async () => {
    const root = tempDir('env');
    const envs: NodeJS.ProcessEnv[] = [
      helmHomes(root),
      { ...helmHomes(root), HELM_REPOSITORY_CONFIG: join(root, 'repos.yaml'), HELM_NAMESPACE: 'team-a', HELM_MAX_HISTORY: '3', HELM_DEBUG: 'true', KUBECONFIG: join(root, 'kubeconfig') },
    ];
    for (const env of envs) {
      const withoutBin = (text: string) => text.split('\n').filter((l) => !l.startsWith('HELM_BIN=')).join('\n');
      const [h, k] = [await helm(['env'], env), await hookline(['env'], env)];
      assert.equal(withoutBin(k.stdout), withoutBin(h.stdout));
      assert.match(k.stdout, /^HELM_BIN=".*hookline\.js"$/m);
      for (const name of ['HELM_REPOSITORY_CONFIG', 'HELM_NAMESPACE', 'NOT_A_VARIABLE']) {
        assert.equal((await hookline(['env', name], env)).stdout, (await helm(['env', name], env)).stdout);
      }
    }
  });
});

describe('completion', () => {
  // Runs the bash function as bash's completion would for the words typed, and returns COMPREPLY.
  async function complete(typed: string[], env: NodeJS.ProcessEnv): Promise<string[]> {
    const script = (await hookline(['completion', 'bash'], env)).stdout;
    const dir = tempDir('completion');
    writeFileSync(join(dir, 'hookline.bash'), script);
    const words = ['hookline', ...typed].map((w) => `'${w}'`).join(' ');
    const r = spawnSync('bash', ['-c', `cd ${dir}; source ./hookline.bash; COMP_WORDS=(${words}); COMP_CWORD=${typed.length}; _hookline; printf '%s\\n' "\${COMPREPLY[@]}"`],
      { encoding: 'utf8', env: { ...process.env, ...env } });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.split('\n').filter(Boolean);
  }

  test('bash completes commands, subcommands, flags and cached chart names', async () => {
    const env = helmHomes(tempDir('homes'));
    mkdirSync(join(env.HELM_CACHE_HOME!, 'repository'), { recursive: true });
    writeFileSync(join(env.HELM_CACHE_HOME!, 'repository', 'stable-charts.txt'), 'nginx\npostgresql\n');
    assert.deepEqual(await complete(['rep'], env), ['repo']);
    assert.deepEqual((await complete(['re'], env)).sort(), ['registry', 'repo']);
    assert.deepEqual((await complete(['repo', ''], env)).sort(), ['add', 'index', 'list', 'ls', 'remove', 'rm', 'up', 'update']);
    assert.deepEqual(await complete(['repo', 'add', '--force'], env), ['--force-update']);
    assert.deepEqual(await complete(['install', 'web', 'stable/p'], env), ['stable/postgresql']);
    assert.deepEqual(await complete(['dep', 'build', '--skip'], env), ['--skip-refresh']);
  });

  test('zsh, fish and powershell scripts name every top-level command', async () => {
    const commands = ['install', 'upgrade', 'repo', 'search', 'pull', 'show', 'package', 'dependency', 'env', 'completion'];
    for (const shell of ['zsh', 'fish', 'powershell']) {
      const r = await hookline(['completion', shell], {});
      assert.equal(r.code, 0, r.stderr);
      for (const c of commands) assert.ok(r.stdout.includes(c), `${shell} script lacks ${c}`);
    }
    assert.notEqual((await hookline(['completion', 'tcsh'], {})).code, 0);
  });
});
