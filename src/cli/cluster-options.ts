// The flags every command that talks to a cluster shares (Helm's names), and the action
// context built from them: connection from the kubeconfig, storage driver from HELM_DRIVER.
import type { Command } from 'commander';
import { loadKubeConfig } from '../kube/config.ts';
import { KubeClient } from '../kube/client.ts';
import { ObjectStore } from '../kube/objects.ts';
import { hooklineFieldManager, type ActionContext } from '../release/context.ts';
import { eventEmitter, type EventSink } from '../release/events.ts';
import { KubeStorageDriver } from '../storage/kube-driver.ts';
import { MemoryDriver } from '../storage/memory-driver.ts';
import { ReleaseStorage } from '../storage/storage.ts';

export interface ClusterFlags {
  kubeconfig?: string;
  kubeContext?: string;
  namespace?: string;
}

export function addClusterFlags(cmd: Command): Command {
  return cmd
    .option('--kubeconfig <path>', 'path to the kubeconfig file')
    .option('--kube-context <name>', 'name of the kubeconfig context to use')
    .option('-n, --namespace <name>', 'namespace scope for this request');
}

/** Helm's HELM_DRIVER: secret (default), configmap, or memory. */
export function storageKind(): 'Secret' | 'ConfigMap' | 'memory' {
  const driver = (process.env.HELM_DRIVER ?? 'secret').toLowerCase();
  switch (driver) {
    case '':
    case 'secret':
    case 'secrets':
      return 'Secret';
    case 'configmap':
    case 'configmaps':
      return 'ConfigMap';
    case 'memory':
      return 'memory';
    default:
      throw new Error(`unknown storage driver "${driver}" in HELM_DRIVER; use secret, configmap or memory`);
  }
}

/** The release history kept in one namespace, by the HELM_DRIVER driver. */
export function releaseStorage(client: KubeClient, namespace: string, maxHistory = 0): ReleaseStorage {
  const kind = storageKind();
  return new ReleaseStorage(kind === 'memory' ? new MemoryDriver() : new KubeStorageDriver(client, kind, namespace), maxHistory);
}

export function actionContext(flags: ClusterFlags, sinks: EventSink[], maxHistory = 0): ActionContext {
  const connection = loadKubeConfig({ kubeconfig: flags.kubeconfig, context: flags.kubeContext });
  const namespace = flags.namespace || connection.namespace || 'default';
  const client = new KubeClient(connection);
  return {
    client,
    objects: new ObjectStore(client),
    storage: releaseStorage(client, namespace, maxHistory),
    namespace,
    emit: eventEmitter(sinks),
    fieldManager: hooklineFieldManager,
  };
}

/**
 * Helm's IsReachable, asked before list, install and upgrade: GET /version, its failure
 * worded "kubernetes cluster unreachable: ..." as helm words it.
 */
export async function checkReachable(client: KubeClient): Promise<void> {
  try {
    await client.request('GET', '/version');
  } catch (err) {
    const message = (err as Error).message;
    throw new Error(message.startsWith('kubernetes cluster unreachable') ? message : `kubernetes cluster unreachable: ${message}`, { cause: err });
  }
}
