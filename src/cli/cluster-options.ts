// The flags every command that talks to a cluster shares (Helm's names), and the action
// context built from them: connection from the kubeconfig, storage driver from HELM_DRIVER.
import type { Command } from 'commander';
import { loadKubeConfig, type KubeOverrides } from '../kube/config.ts';
import { parseGoBool } from './global-flags.ts';
import { KubeClient } from '../kube/client.ts';
import { requestThrottle, type ThrottleSettings } from '../kube/throttle.ts';
import { ObjectStore } from '../kube/objects.ts';
import { hooklineFieldManager, type ActionContext } from '../release/context.ts';
import { eventEmitter, type EventSink } from '../release/events.ts';
import { KubeStorageDriver } from '../storage/kube-driver.ts';
import { MemoryDriver } from '../storage/memory-driver.ts';
import { SqlDriver } from '../storage/sql-driver.ts';
import { observeReleases, processRedactor } from '../release/secret-redaction.ts';
import { ReleaseStorage } from '../storage/storage.ts';

export interface ClusterFlags {
  kubeconfig?: string;
  kubeContext?: string;
  namespace?: string;
}

/**
 * Lists the cluster flags in the command's help. Their values never reach the command:
 * global-flags.ts takes helm's global flags out of the arguments first, wherever they stand,
 * and the connection below reads them from the environment, as helm reads its settings.
 */
export function addClusterFlags(cmd: Command): Command {
  return cmd
    .option('--kubeconfig <path>', 'path to the kubeconfig file')
    .option('--kube-context <name>', 'name of the kubeconfig context to use')
    .option('-n, --namespace <name>', 'namespace scope for this request');
}

/** Helm's HELM_DRIVER: secret (default), configmap, memory, or sql (PostgreSQL at HELM_DRIVER_SQL_CONNECTION_STRING). */
export function storageKind(): 'Secret' | 'ConfigMap' | 'memory' | 'sql' {
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
    case 'sql':
      return 'sql';
    default:
      throw new Error(`unknown storage driver "${driver}" in HELM_DRIVER; use secret, configmap, memory or sql`);
  }
}

function storageDriver(client: KubeClient, namespace: string) {
  const kind = storageKind();
  if (kind === 'memory') return new MemoryDriver();
  if (kind === 'sql') {
    const connection = process.env.HELM_DRIVER_SQL_CONNECTION_STRING;
    if (!connection) throw new Error('HELM_DRIVER=sql needs HELM_DRIVER_SQL_CONNECTION_STRING, e.g. postgres://user:password@host:5432/helm?sslmode=disable');
    return new SqlDriver(connection, namespace);
  }
  return new KubeStorageDriver(client, kind, namespace);
}

/** The release history kept in one namespace, by the HELM_DRIVER driver. */
export function releaseStorage(client: KubeClient, namespace: string, maxHistory = 0): ReleaseStorage {
  // Every release read or written teaches the redactor its secrets before anything is printed.
  return new ReleaseStorage(observeReleases(storageDriver(client, namespace), (r) => processRedactor.addRelease(r)), maxHistory);
}

/** helm's --kube-* flags (and their HELM_* variables) as kubeconfig overrides. */
function connectionOverrides(env: NodeJS.ProcessEnv = process.env): KubeOverrides {
  return {
    server: env.HELM_KUBEAPISERVER || undefined,
    token: env.HELM_KUBETOKEN || undefined,
    caFile: env.HELM_KUBECAFILE || undefined,
    insecureSkipTLSVerify: parseGoBool(env.HELM_KUBEINSECURE_SKIP_TLS_VERIFY ?? '') === true,
    tlsServerName: env.HELM_KUBETLS_SERVER_NAME || undefined,
    impersonateUser: env.HELM_KUBEASUSER || undefined,
    impersonateGroups: env.HELM_KUBEASGROUPS ? env.HELM_KUBEASGROUPS.split(',') : undefined,
  };
}

/** Go's strconv.Atoi and ParseFloat of helm's variables: a value they refuse gives helm's default. */
function envNumber(value: string | undefined, pattern: RegExp, fallback: number): number {
  return value !== undefined && pattern.test(value.trim()) && value.trim() === value ? Number(value) : fallback;
}

/** helm's --qps and --burst-limit (global-flags.ts puts them in HELM_QPS and HELM_BURST_LIMIT); helm's defaults 0 and 100. */
export function throttleSettings(env: NodeJS.ProcessEnv = process.env): ThrottleSettings {
  return {
    qps: envNumber(env.HELM_QPS, /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/, 0),
    burst: envNumber(env.HELM_BURST_LIMIT, /^[+-]?\d+$/, 100),
  };
}

/** `flags` override the global settings (tests and library callers pass them directly). */
export function actionContext(flags: ClusterFlags, sinks: EventSink[], maxHistory = 0): ActionContext {
  const connection = loadKubeConfig({
    kubeconfig: flags.kubeconfig, context: flags.kubeContext ?? (process.env.HELM_KUBECONTEXT || undefined), overrides: connectionOverrides(),
  });
  const namespace = flags.namespace || process.env.HELM_NAMESPACE || connection.namespace || 'default';
  const client = new KubeClient(connection, requestThrottle(throttleSettings()));
  return {
    client,
    objects: new ObjectStore(client),
    storage: releaseStorage(client, namespace, maxHistory),
    namespace,
    emit: eventEmitter(sinks, processRedactor),
    fieldManager: hooklineFieldManager(),
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
    // client-go's words for a 401 answer to /version (credentials refused).
    const message = (err as { status?: number }).status === 401 ? 'the server has asked for the client to provide credentials' : (err as Error).message;
    throw new Error(/^kubernetes cluster unreachable/i.test(message) ? message : `kubernetes cluster unreachable: ${message}`, { cause: err });
  }
}

/** checkReachable for a command that has not built its action context yet (helm asks before it checks the name). */
export function checkFlagsReachable(flags: ClusterFlags): Promise<void> {
  return checkReachable(actionContext(flags, []).client);
}
