// Where the local cluster keeps its files: one state directory holding the PKI, etcd data,
// logs, the recorded processes and ports, and the kubeconfigs.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface StateLayout {
  root: string;
  pki: string;
  etcdData: string;
  logs: string;
  agentState: string;
  stateFile: string;
  adminKubeconfig: string;
  controllerManagerKubeconfig: string;
  auditPolicy: string;
  auditLog: string;
}

/** `${HOOKLINE_HOME:-~/.hookline}/local`, unless the caller names a directory. */
export function defaultStateDir(): string {
  return join(process.env.HOOKLINE_HOME ?? join(homedir(), '.hookline'), 'local');
}

export function stateLayout(stateDir = defaultStateDir()): StateLayout {
  const root = resolve(stateDir);
  return {
    root,
    pki: join(root, 'pki'),
    etcdData: join(root, 'etcd'),
    logs: join(root, 'logs'),
    agentState: join(root, 'agent'),
    stateFile: join(root, 'ports.json'),
    adminKubeconfig: join(root, 'kubeconfig'),
    controllerManagerKubeconfig: join(root, 'controller-manager.kubeconfig'),
    auditPolicy: join(root, 'audit-policy.yaml'),
    auditLog: join(root, 'logs', 'audit.log'),
  };
}

/** Whether this code runs from the TypeScript sources rather than from a bundle in dist/ (scripts/build.ts). */
export const runsFromSources = import.meta.url.endsWith('.ts');

/** The package root: the nearest directory above this file that holds package.json (from src/local/ or a bundle's dist/chunks/). */
export const packageRoot = nearestPackageRoot(dirname(fileURLToPath(import.meta.url)));

function nearestPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return start;
  }
}

export function logPath(layout: StateLayout, component: string): string {
  return join(layout.logs, `${component}.log`);
}
