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
import { SqlDriver } from '../storage/sql-driver.ts';
import { observeReleases, processRedactor } from '../report/secret-redaction.ts';
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

/** Helm's HELM_DRIVER: secret (default), configmap, memory, or sql (PostgreSQL at HELM_DRIVER_SQL_CONNECTION_STRING). */
function storageDriver(client: KubeClient, namespace: string) {
  const driver = (process.env.HELM_DRIVER ?? 'secret').toLowerCase();
  switch (driver) {
    case '':
    case 'secret':
    case 'secrets':
      return new KubeStorageDriver(client, 'Secret', namespace);
    case 'configmap':
    case 'configmaps':
      return new KubeStorageDriver(client, 'ConfigMap', namespace);
    case 'memory':
      return new MemoryDriver();
    case 'sql': {
      const connection = process.env.HELM_DRIVER_SQL_CONNECTION_STRING;
      if (!connection) throw new Error('HELM_DRIVER=sql needs HELM_DRIVER_SQL_CONNECTION_STRING, e.g. postgres://user:password@host:5432/helm?sslmode=disable');
      return new SqlDriver(connection, namespace);
    }
    default:
      throw new Error(`unknown storage driver "${driver}" in HELM_DRIVER; use secret, configmap, memory or sql`);
  }
}

export function actionContext(flags: ClusterFlags, sinks: EventSink[], maxHistory = 0): ActionContext {
  const connection = loadKubeConfig({ kubeconfig: flags.kubeconfig, context: flags.kubeContext });
  const namespace = flags.namespace || connection.namespace || 'default';
  const client = new KubeClient(connection);
  return {
    client,
    objects: new ObjectStore(client),
    // Every release read or written teaches the redactor its secrets before anything is printed.
    storage: new ReleaseStorage(observeReleases(storageDriver(client, namespace), (r) => processRedactor.addRelease(r)), maxHistory),
    namespace,
    emit: eventEmitter(sinks, processRedactor),
    fieldManager: hooklineFieldManager,
  };
}
