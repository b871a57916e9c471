// Hookline's build facts for `hookline version`: fixed into the bundle by scripts/build.ts, and
// read from package.json, git and controlplane/go.mod when running from the sources.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BuildInfo {
  version: string; // "v" + package.json's version
  gitCommit: string; // full commit hash, '' outside a git checkout
  gitTreeState: string; // 'clean', 'dirty', or '' outside a git checkout
  kubeClientVersion: string; // Kubernetes minor the local cluster and the tests run, e.g. "v1.35"
}

// Replaced by scripts/build.ts (esbuild's define) with the facts of the built commit.
declare const HOOKLINE_BUILD_INFO: BuildInfo | undefined;

export function buildInfo(): BuildInfo {
  return typeof HOOKLINE_BUILD_INFO !== 'undefined' ? HOOKLINE_BUILD_INFO : readBuildInfo(fileURLToPath(new URL('../..', import.meta.url)));
}

/** The build facts of the checkout at `root` (the directory holding package.json). */
export function readBuildInfo(root: string): BuildInfo {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const git = (...args: string[]) => spawnSync('git', ['-C', root, ...args], { encoding: 'utf8' });
  const head = git('rev-parse', 'HEAD');
  const inGit = head.status === 0;
  const changes = inGit ? git('status', '--porcelain', '--untracked-files=no').stdout.trim() : '';
  const goMod = readFileSync(join(root, 'controlplane', 'go.mod'), 'utf8');
  const kube = /^\s*k8s\.io\/kubernetes v(\d+)\.(\d+)\./m.exec(goMod);
  if (!kube) throw new Error(`${join(root, 'controlplane', 'go.mod')} has no k8s.io/kubernetes requirement`);
  return {
    version: `v${pkg.version}`,
    gitCommit: inGit ? head.stdout.trim() : '',
    gitTreeState: inGit ? (changes === '' ? 'clean' : 'dirty') : '',
    kubeClientVersion: `v${kube[1]}.${kube[2]}`,
  };
}
