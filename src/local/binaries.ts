// Finds the control plane binaries through controlplane/build.sh, which builds them once per
// Kubernetes version into the user's cache and afterwards only prints where they are.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './layout.ts';

export interface ControlPlaneBinaries {
  etcd: string;
  kubeApiServer: string;
  kubeControllerManager: string;
}

export function controlPlaneBinaries(options: { env?: NodeJS.ProcessEnv; showBuildOutput?: boolean } = {}): ControlPlaneBinaries {
  const script = join(packageRoot, 'controlplane', 'build.sh');
  if (!existsSync(script)) throw new Error(`${script} is missing; the local cluster is built from the controlplane/ directory of the hookline package`);
  const result = spawnSync('bash', [script], {
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', options.showBuildOutput ? 'inherit' : 'pipe'],
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    const output = (result.stderr ?? '').trim().split('\n').slice(-15).join('\n');
    throw new Error(`building the local control plane failed (controlplane/build.sh exited with ${result.status ?? result.signal})${output ? `:\n${output}` : ''}`);
  }
  const binDir = result.stdout.trim().split('\n').pop() ?? '';
  const binaries = {
    etcd: join(binDir, 'etcd'),
    kubeApiServer: join(binDir, 'kube-apiserver'),
    kubeControllerManager: join(binDir, 'kube-controller-manager'),
  };
  for (const path of Object.values(binaries)) {
    if (!existsSync(path)) throw new Error(`controlplane/build.sh reported ${binDir} but ${path} is missing; delete that directory and run 'hookline local up' again to rebuild`);
  }
  return binaries;
}
