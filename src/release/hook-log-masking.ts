// Secret values that must never be kept in hook logs: those of the release's own Secrets, its
// hooks' environment values, and every Secret a hook's pod reads (env secretKeyRef, envFrom
// secretRef, secret volumes).
import type { KubeClient } from '../kube/client.ts';
import type { KubeObject } from '../kube/objects.ts';
import { SecretRedactor } from './secret-redaction.ts';
import type { Release } from './record.ts';

/** Shorter values would mask ordinary words all over the log; they are left as they are. */
export const shortestMaskedValue = 4;
export const maskText = '****';

interface PodSpecLike {
  containers?: ContainerLike[];
  initContainers?: ContainerLike[];
  volumes?: Array<{ secret?: { secretName?: string } }>;
}
interface ContainerLike {
  env?: Array<{ valueFrom?: { secretKeyRef?: { name?: string; key?: string } } }>;
  envFrom?: Array<{ secretRef?: { name?: string } }>;
}

function secretValues(obj: { data?: Record<string, string>; stringData?: Record<string, string> }, keys?: string[]): string[] {
  const pick = (m: Record<string, string> | undefined) => Object.entries(m ?? {}).filter(([k]) => !keys || keys.includes(k));
  return [
    ...pick(obj.data).map(([, v]) => Buffer.from(String(v), 'base64').toString('utf8')),
    ...pick(obj.stringData).map(([, v]) => String(v)),
  ];
}

function podSpecOf(obj: KubeObject): PodSpecLike | undefined {
  const spec = obj.spec as { template?: { spec?: PodSpecLike } } & PodSpecLike | undefined;
  return obj.kind === 'Pod' ? spec : spec?.template?.spec;
}

/** Secret name -> the keys the pod reads (undefined: all of them). */
function referencedSecrets(spec: PodSpecLike): Map<string, string[] | undefined> {
  const refs = new Map<string, string[] | undefined>();
  const all = (name?: string) => name && refs.set(name, undefined);
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    for (const e of c.env ?? []) {
      const ref = e.valueFrom?.secretKeyRef;
      if (!ref?.name || !ref.key) continue;
      const keys = refs.get(ref.name);
      if (refs.has(ref.name) && keys === undefined) continue;
      refs.set(ref.name, [...(keys ?? []), ref.key]);
    }
    for (const e of c.envFrom ?? []) all(e.secretRef?.name);
  }
  for (const v of spec.volumes ?? []) all(v.secret?.secretName);
  return refs;
}

const ownSecrets = new WeakMap<Release, readonly string[]>();

/**
 * What the release itself carries, read once per release: its Secrets' values (resources and
 * hooks) and its hooks' environment values, collected as everything Hookline prints is redacted.
 */
function releaseSecretValues(release: Release): readonly string[] {
  const known = ownSecrets.get(release);
  if (known) return known;
  const redactor = new SecretRedactor();
  redactor.addRelease(release);
  const values = redactor.strings();
  ownSecrets.set(release, values);
  return values;
}

/** Every secret value a hook's logs could show, longest first (so no value is masked in part). */
export async function secretsToMask(client: KubeClient, namespace: string, release: Release, hookObject: KubeObject): Promise<string[]> {
  const values = [...releaseSecretValues(release)];
  const spec = podSpecOf(hookObject);
  for (const [name, keys] of spec ? referencedSecrets(spec) : []) {
    try {
      values.push(...secretValues(await client.request('GET', `/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets/${encodeURIComponent(name)}`), keys));
    } catch {
      // A Secret the hook could not read either (it failed to start): nothing of it is in the log.
    }
  }
  return [...new Set(values.filter((v) => v.length >= shortestMaskedValue))].sort((a, b) => b.length - a.length);
}

export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join(maskText);
  return out;
}
