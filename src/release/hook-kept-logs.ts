// Hook logs kept with the revision: the last KiB of each hook container's output, secret values
// masked, in one Secret per revision beside Helm's record (never inside it, so helm still reads
// the record). The Secret is owned by the record (ownerReferences), so the cluster's garbage
// collector removes it with the revision: history-max pruning, uninstall, or helm doing either.
import type { KubeClient } from '../kube/client.ts';
import type { KubeObject } from '../kube/objects.ts';
import { podsOf } from '../kube/pod-insight.ts';
import { releaseKey } from '../storage/driver.ts';
import type { ActionContext } from './context.ts';
import type { HookRef } from './events.ts';
import { maskSecrets, secretsToMask } from './hook-log-masking.ts';
import type { HookPhase, Release } from './record.ts';

/** Bytes of log kept for one revision in all; a Secret holds at most 1 MiB. */
export const maxKeptLogBytesPerRevision = 512 * 1024;
/** Lines read from the API server per container; the byte cap then applies. */
const readLines = 5000;

export const keptLogsType = 'hookline.dev/hook-logs';
export const keptLogsReleaseLabel = 'hookline.dev/hook-logs-of';
export const keptLogsRevisionLabel = 'hookline.dev/revision';

export interface KeptContainerLog {
  pod: string;
  container: string;
  /** The end of the container's output, secret values masked. */
  log: string;
  /** True when the beginning was cut to fit the cap. */
  truncated: boolean;
}

export interface KeptHookLog {
  event: string;
  kind: string;
  name: string;
  weight: number;
  phase: HookPhase;
  /** Which attempt these logs are from (hookline.dev/hook-retries), 1 for the first. */
  attempt: number;
  completedAt: string;
  containers: KeptContainerLog[];
}

export interface KeptHookLogs {
  release: string;
  revision: number;
  hooks: KeptHookLog[];
}

export function keptLogsName(release: string, revision: number): string {
  return `hookline.hook-logs.${release}.v${revision}`;
}

const secretsPath = (namespace: string) => `/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets`;
const podsPath = (namespace: string) => `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`;

/** The last `maxBytes` bytes of a text, cut at a line start where one is near. */
export function tailBytes(text: string, maxBytes: number): { text: string; truncated: boolean } {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return { text, truncated: false };
  let cut = bytes.subarray(bytes.length - maxBytes).toString('utf8').replace(/^\uFFFD+/, '');
  const newline = cut.indexOf('\n');
  if (newline >= 0 && newline < cut.length - 1) cut = cut.slice(newline + 1);
  return { text: cut, truncated: true };
}

async function containerLog(client: KubeClient, namespace: string, pod: string, container: string): Promise<string> {
  const res = await client.requestRaw('GET', `${podsPath(namespace)}/${encodeURIComponent(pod)}/log`, { query: { container, tailLines: readLines } });
  return res.status === 200 ? res.body.toString('utf8') : '';
}

const pending = new WeakMap<Release, Array<{ ref: HookRef; log: KeptHookLog }>>();

/**
 * Reads the logs of a finished hook attempt (its newest pod) and holds them until the phase
 * saves them. Logs are a courtesy: a failure to read them never changes the hook's outcome.
 */
export async function captureHookLogs(ctx: ActionContext, release: Release, ref: HookRef, obj: KubeObject, phase: HookPhase, attempt: number, maxBytes: number): Promise<void> {
  if (maxBytes <= 0 || (obj.kind !== 'Job' && obj.kind !== 'Pod') || ctx.storage.driver.name === 'Memory') return;
  const namespace = obj.metadata.namespace ?? ctx.namespace;
  try {
    const [pod] = await podsOf(ctx.client, namespace, obj.kind, obj.metadata.name);
    if (!pod) return;
    const spec = (pod as { spec?: { initContainers?: Array<{ name: string }>; containers?: Array<{ name: string }> } }).spec;
    const names = [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].map((c) => c.name);
    const secrets = await secretsToMask(ctx.client, namespace, release, obj);
    const containers: KeptContainerLog[] = [];
    for (const container of names) {
      const kept = tailBytes(maskSecrets(await containerLog(ctx.client, namespace, pod.metadata.name, container), secrets), maxBytes);
      containers.push({ pod: pod.metadata.name, container, log: kept.text, truncated: kept.truncated });
    }
    const list = pending.get(release) ?? [];
    list.push({ ref, log: { event: ref.event, kind: ref.kind, name: ref.name, weight: ref.weight, phase, attempt, completedAt: new Date().toISOString(), containers } });
    pending.set(release, list);
  } catch (err) {
    ctx.emit({ type: 'hook-progress', hook: ref, detail: `hook logs unavailable: not kept: ${(err as Error).message}` });
  }
}

/** Largest logs are cut first until the revision's logs fit the cap. */
function fitRevisionCap(hooks: KeptHookLog[]): void {
  const all = hooks.flatMap((h) => h.containers);
  let total = all.reduce((n, c) => n + Buffer.byteLength(c.log), 0);
  while (total > maxKeptLogBytesPerRevision) {
    const largest = all.reduce((a, b) => (Buffer.byteLength(b.log) > Buffer.byteLength(a.log) ? b : a));
    const before = Buffer.byteLength(largest.log);
    const cut = tailBytes(largest.log, Math.floor(before / 2));
    largest.log = cut.text;
    largest.truncated = true;
    total -= before - Buffer.byteLength(largest.log);
  }
}

const sameHook = (a: KeptHookLog, b: KeptHookLog) => a.event === b.event && a.kind === b.kind && a.name === b.name;

/** Writes the logs captured so far into the revision's Secret, replacing earlier runs of the same hooks. */
export async function saveKeptHookLogs(ctx: ActionContext, release: Release): Promise<void> {
  const entries = pending.get(release);
  if (!entries || entries.length === 0) return;
  pending.delete(release);
  const captured = entries.map((e) => e.log);
  try {
    const existing = await readKeptHookLogs(ctx.client, release.namespace, release.name, release.version);
    const hooks = [...(existing?.hooks ?? []).filter((h) => !captured.some((c) => sameHook(c, h))), ...captured.filter((c, i) => !captured.slice(i + 1).some((later) => sameHook(c, later)))];
    fitRevisionCap(hooks);
    await writeKeptLogs(ctx, release, { release: release.name, revision: release.version, hooks }, existing !== undefined);
  } catch (err) {
    ctx.emit({ type: 'hook-progress', hook: entries[0].ref, detail: `hook logs unavailable: not kept: ${(err as Error).message}` });
  }
}

async function writeKeptLogs(ctx: ActionContext, release: Release, logs: KeptHookLogs, exists: boolean): Promise<void> {
  const owner = await ctx.client.request<{ metadata: { uid: string } }>('GET',
    `/api/v1/namespaces/${encodeURIComponent(release.namespace)}/${ctx.storage.driver.name === 'Secret' ? 'secrets' : 'configmaps'}/${encodeURIComponent(releaseKey(release.name, release.version))}`);
  const name = keptLogsName(release.name, release.version);
  const body = {
    apiVersion: 'v1', kind: 'Secret', type: keptLogsType,
    metadata: {
      name, namespace: release.namespace,
      labels: { [keptLogsReleaseLabel]: release.name, [keptLogsRevisionLabel]: String(release.version) },
      ownerReferences: [{ apiVersion: 'v1', kind: ctx.storage.driver.name, name: releaseKey(release.name, release.version), uid: owner.metadata.uid }],
    },
    data: { 'logs.json': Buffer.from(JSON.stringify(logs)).toString('base64') },
  };
  if (exists) await ctx.client.request('PUT', `${secretsPath(release.namespace)}/${encodeURIComponent(name)}`, { body });
  else await ctx.client.request('POST', secretsPath(release.namespace), { body });
}

/** The kept logs of one revision, or undefined when none were kept. */
export async function readKeptHookLogs(client: KubeClient, namespace: string, release: string, revision: number): Promise<KeptHookLogs | undefined> {
  let secret: { data?: Record<string, string> };
  try {
    secret = await client.request('GET', `${secretsPath(namespace)}/${encodeURIComponent(keptLogsName(release, revision))}`);
  } catch (err) {
    if ((err as { status?: number }).status === 404) return undefined;
    throw err;
  }
  const raw = secret.data?.['logs.json'];
  if (raw === undefined) throw new Error(`Secret ${keptLogsName(release, revision)} has no logs.json: it was not written by Hookline`);
  return JSON.parse(Buffer.from(raw, 'base64').toString('utf8')) as KeptHookLogs;
}
