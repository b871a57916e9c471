// The node agent's API client: Hookline's KubeClient for the agent's kubeconfig, with a limit
// on each request so that a stuck API server cannot stall pod sync or heartbeats for long.
import { KubeClient, type RequestOptions } from '../../kube/client.ts';
import { loadKubeConfig } from '../../kube/config.ts';

/** The loosely typed API objects the agent reads and writes (pods, nodes, events, leases). */
export type ApiObject = Record<string, any>;

const requestTimeoutMs = 30_000;

export class AgentApiClient extends KubeClient {
  /** The API server's address, which pods see as KUBERNETES_SERVICE_HOST/PORT. */
  readonly server: URL;

  constructor(kubeconfigPath: string, contextName?: string) {
    super(loadKubeConfig({ kubeconfig: kubeconfigPath, context: contextName }));
    this.server = new URL(this.connection.server);
  }

  override request<T = ApiObject>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    return super.request<T>(method, path, { timeoutMs: requestTimeoutMs, ...options });
  }
}
