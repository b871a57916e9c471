// Builds a container's process environment as the kubelet would: service variables, envFrom (with prefix),
// then env with value / secretKeyRef / configMapKeyRef / fieldRef / resourceFieldRef and $(VAR) expansion.
import { KubeApiError } from '../../kube/client.ts';
import type { AgentApiClient, ApiObject } from './api.ts';
import { expandVars } from './expand.ts';

export const POD_IP = '127.0.0.1';
const HOST_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** A referenced Secret/ConfigMap or key is missing: the container waits with CreateContainerConfigError. */
export class ContainerConfigError extends Error {}

export type EnvContext = { api: AgentApiClient; pod: ApiObject; apiserver: URL; nodePath?: string };

type SourceKind = 'Secret' | 'ConfigMap';

class SourceCache {
  private readonly cache = new Map<string, ApiObject | null>();
  private readonly ctx: EnvContext;
  constructor(ctx: EnvContext) {
    this.ctx = ctx;
  }

  /** Returns the object's decoded data, or null when it does not exist. */
  async data(kind: SourceKind, name: string): Promise<Record<string, string> | null> {
    const key = `${kind}/${name}`;
    if (!this.cache.has(key)) {
      const ns = this.ctx.pod.metadata.namespace;
      const path = `/api/v1/namespaces/${ns}/${kind === 'Secret' ? 'secrets' : 'configmaps'}/${name}`;
      try {
        this.cache.set(key, await this.ctx.api.request('GET', path));
      } catch (err) {
        if (!(err instanceof KubeApiError && err.status === 404)) throw err;
        this.cache.set(key, null);
      }
    }
    const object = this.cache.get(key);
    if (!object) return null;
    const data: Record<string, string> = {};
    if (kind === 'Secret') {
      for (const [k, v] of Object.entries(object.data ?? {})) data[k] = Buffer.from(String(v), 'base64').toString('utf8');
      Object.assign(data, object.stringData ?? {});
    } else {
      Object.assign(data, object.data ?? {});
      for (const [k, v] of Object.entries(object.binaryData ?? {})) data[k] = Buffer.from(String(v), 'base64').toString('utf8');
    }
    return data;
  }
}

function notFound(kind: SourceKind, name: string): ContainerConfigError {
  return new ContainerConfigError(`${kind === 'Secret' ? 'secret' : 'configmap'} "${name}" not found`);
}

async function keyRef(sources: SourceCache, kind: SourceKind, ref: ApiObject, ns: string): Promise<string | undefined> {
  const data = await sources.data(kind, ref.name);
  if (data === null) {
    if (ref.optional) return undefined;
    throw notFound(kind, ref.name);
  }
  if (!(ref.key in data)) {
    if (ref.optional) return undefined;
    throw new ContainerConfigError(`couldn't find key ${ref.key} in ${kind} ${ns}/${ref.name}`);
  }
  return data[ref.key];
}

function fieldValue(pod: ApiObject, fieldPath: string): string {
  const labelOrAnnotation = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(fieldPath);
  if (labelOrAnnotation) return pod.metadata[labelOrAnnotation[1]]?.[labelOrAnnotation[2]] ?? '';
  switch (fieldPath) {
    case 'metadata.name': return pod.metadata.name;
    case 'metadata.namespace': return pod.metadata.namespace;
    case 'metadata.uid': return pod.metadata.uid;
    case 'metadata.labels':
    case 'metadata.annotations':
      return Object.entries(pod.metadata[fieldPath.slice(9)] ?? {}).map(([k, v]) => `${k}="${v}"`).sort().join('\n');
    case 'spec.nodeName': return pod.spec.nodeName ?? '';
    case 'spec.serviceAccountName': return pod.spec.serviceAccountName ?? '';
    case 'status.podIP': case 'status.podIPs': case 'status.hostIP': case 'status.hostIPs': return POD_IP;
    default: throw new ContainerConfigError(`unsupported fieldRef fieldPath "${fieldPath}" in pod ${pod.metadata.namespace}/${pod.metadata.name}`);
  }
}

// Without limits the kubelet reports the node's allocatable; this node advertises 64 CPUs and 256Gi.
function resourceValue(container: ApiObject, ref: ApiObject): string {
  const [section, resource] = String(ref.resource).split('.');
  const quantity = container.resources?.[section]?.[resource];
  if (quantity !== undefined) return String(quantity);
  return resource === 'cpu' ? '64' : resource === 'memory' ? String(256 * 2 ** 30) : '0';
}

/** Resolves the full environment for one container; throws ContainerConfigError for missing references. */
export async function resolveEnv(ctx: EnvContext, container: ApiObject): Promise<Record<string, string>> {
  const { pod } = ctx;
  const ns = pod.metadata.namespace;
  const sources = new SourceCache(ctx);
  const env: Record<string, string> = {
    PATH: ctx.nodePath ? `${ctx.nodePath}:${HOST_PATH}` : HOST_PATH,
    HOSTNAME: pod.spec.hostname ?? pod.metadata.name,
    HOME: process.env.HOME ?? '/root',
    KUBERNETES_SERVICE_HOST: ctx.apiserver.hostname,
    KUBERNETES_SERVICE_PORT: ctx.apiserver.port || '443',
    KUBERNETES_SERVICE_PORT_HTTPS: ctx.apiserver.port || '443',
    KUBERNETES_PORT: `tcp://${ctx.apiserver.hostname}:${ctx.apiserver.port || '443'}`,
  };
  for (const from of container.envFrom ?? []) {
    const kind: SourceKind = from.secretRef ? 'Secret' : 'ConfigMap';
    const ref = from.secretRef ?? from.configMapRef;
    const data = await sources.data(kind, ref.name);
    if (data === null) {
      if (ref.optional) continue;
      throw notFound(kind, ref.name);
    }
    for (const [key, value] of Object.entries(data)) {
      const name = `${from.prefix ?? ''}${key}`;
      if (ENV_NAME.test(name)) env[name] = value;
    }
  }
  for (const entry of container.env ?? []) {
    const source = entry.valueFrom;
    let value: string | undefined;
    if (!source) value = expandVars(entry.value ?? '', (name) => env[name]);
    else if (source.secretKeyRef) value = await keyRef(sources, 'Secret', source.secretKeyRef, ns);
    else if (source.configMapKeyRef) value = await keyRef(sources, 'ConfigMap', source.configMapKeyRef, ns);
    else if (source.fieldRef) value = fieldValue(pod, source.fieldRef.fieldPath);
    else if (source.resourceFieldRef) value = resourceValue(container, source.resourceFieldRef);
    if (value !== undefined) env[entry.name] = value;
  }
  return env;
}

/** The argv of a container: command then args, each $(VAR)-expanded against its environment. */
export function containerArgv(container: ApiObject, env: Record<string, string>): string[] {
  return [...(container.command ?? []), ...(container.args ?? [])].map((part: string) => expandVars(part, (name) => env[name]));
}
