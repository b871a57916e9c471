// The storage driver contract shared by the Secret, ConfigMap and in-memory drivers: release
// records addressed by Helm's key, sh.helm.release.v1.<name>.v<revision>.
import type { Release } from './record.ts';

export class ReleaseNotFoundError extends Error {
  constructor(what: string) {
    super(`release: not found${what ? ` (${what})` : ''}`);
  }
}

export class ReleaseExistsError extends Error {
  constructor(key: string) {
    super(`release: already exists (${key})`);
  }
}

export interface ReleaseDriver {
  /** "Secret", "ConfigMap" or "Memory", as Helm names its drivers. */
  readonly name: string;
  /** The release under key; its labels are the custom ones (Helm filters out the system labels). */
  get(key: string): Promise<Release>;
  /**
   * Every release of the namespace matching all the given labels (name, owner, status, version).
   * Helm's Secret and ConfigMap drivers return each object's labels whole, system ones included.
   */
  query(labels: Record<string, string>): Promise<Release[]>;
  create(key: string, release: Release): Promise<void>;
  update(key: string, release: Release): Promise<void>;
  delete(key: string): Promise<Release>;
}

export function releaseKey(name: string, revision: number): string {
  return `sh.helm.release.v1.${name}.v${revision}`;
}

/** Labels Helm reserves on storage objects; user release labels may not use them. */
export const systemLabels = ['name', 'owner', 'status', 'version', 'createdAt', 'modifiedAt'] as const;

export function storageLabels(release: Release, stamp: { createdAt?: number; modifiedAt?: number }): Record<string, string> {
  const labels: Record<string, string> = { ...(release.labels ?? {}) };
  if (stamp.createdAt !== undefined) labels.createdAt = String(stamp.createdAt);
  if (stamp.modifiedAt !== undefined) labels.modifiedAt = String(stamp.modifiedAt);
  labels.name = release.name;
  labels.owner = 'helm';
  labels.status = release.info.status ?? 'unknown';
  labels.version = String(release.version);
  return labels;
}

/** The custom labels of a storage object: everything but Helm's system labels. */
export function releaseLabelsFrom(objectLabels: Record<string, string> | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(objectLabels ?? {})) {
    if (!(systemLabels as readonly string[]).includes(k)) labels[k] = v;
  }
  return labels;
}
