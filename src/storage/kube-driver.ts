// Helm's Secret and ConfigMap storage drivers: one object per revision in the release's
// namespace, labelled owner=helm, holding base64(gzip(JSON)) of the release. The two differ
// only in the object kind, the Secret's type, and the Secret's extra base64 layer on the wire.
import type { KubeClient } from '../kube/client.ts';
import type { Release } from './record.ts';
import { decodeRelease, encodeRelease } from './codec.ts';
import {
  ReleaseExistsError, ReleaseNotFoundError, releaseLabelsFrom, storageLabels, type ReleaseDriver,
} from './driver.ts';

type StorageKind = 'Secret' | 'ConfigMap';

/** Re-reads after a 409 Conflict before the update gives up (each one means another writer raced it). */
const conflictRetries = 5;

/** What this driver last read or wrote of a record: its update is conditional on it. */
interface Seen {
  resourceVersion: string;
  status: string | undefined;
}

interface StorageObject {
  apiVersion: 'v1';
  kind: StorageKind;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; resourceVersion?: string };
  type?: string;
  data?: Record<string, string>;
}

export class KubeStorageDriver implements ReleaseDriver {
  readonly name: StorageKind;
  private readonly client: KubeClient;
  private readonly namespace: string;
  private readonly collection: string;
  private readonly seen = new Map<string, Seen>();

  constructor(client: KubeClient, kind: StorageKind, namespace: string) {
    this.client = client;
    this.name = kind;
    this.namespace = namespace;
    this.collection = `/api/v1/namespaces/${encodeURIComponent(namespace)}/${kind === 'Secret' ? 'secrets' : 'configmaps'}`;
  }

  async get(key: string): Promise<Release> {
    let obj: StorageObject;
    try {
      obj = await this.client.request<StorageObject>('GET', `${this.collection}/${encodeURIComponent(key)}`);
    } catch (err) {
      if ((err as { status?: number }).status === 404) throw new ReleaseNotFoundError(key);
      throw new Error(`get: failed to get "${key}": ${(err as Error).message}`);
    }
    const release = this.fromObject(obj);
    this.remember(obj, release);
    release.labels = releaseLabelsFrom(obj.metadata.labels);
    return release;
  }

  async query(labels: Record<string, string>): Promise<Release[]> {
    const selector = Object.entries({ owner: 'helm', ...labels }).map(([k, v]) => `${k}=${v}`).join(',');
    const list = await this.client.request<{ items: StorageObject[] }>('GET', this.collection, {
      query: { labelSelector: selector },
    }).catch((err: Error & { status?: number }) => { throw Object.assign(new Error(`query: failed to query with labels: ${err.message}`, { cause: err }), { status: err.status }); });
    const releases: Release[] = [];
    for (const item of list.items) {
      try {
        // As Helm's Query: the object's labels whole, its system labels included.
        const release = this.fromObject(item);
        this.remember(item, release);
        releases.push({ ...release, labels: { ...item.metadata.labels } });
      } catch {
        // Helm skips records it cannot decode rather than failing the whole listing.
      }
    }
    return releases;
  }

  async create(key: string, release: Release): Promise<void> {
    const obj = this.toObject(key, release, { createdAt: nowSeconds() });
    try {
      this.remember(await this.client.request<StorageObject>('POST', this.collection, { body: obj, retryCreate: true }), release);
    } catch (err) {
      if ((err as { status?: number }).status !== 409) throw new Error(`create: failed to create: ${(err as Error).message}`);
      // The same record already there: this create's own first attempt, which landed before the
      // connection broke. Any other record of that key is someone else's.
      const existing = await this.client.request<StorageObject>('GET', `${this.collection}/${encodeURIComponent(key)}`).catch(() => undefined);
      if (existing?.data?.release !== obj.data?.release) throw new ReleaseExistsError(key);
      this.remember(existing!, release);
    }
  }

  /**
   * Writes the record at the resourceVersion this driver last saw. On a 409 Conflict (someone
   * else wrote it since) the record is read again and the change re-applied only while its status
   * is still the one seen: a metadata change (a label, an annotation) does not stop the action,
   * another writer's change of the release's state is never overwritten.
   */
  async update(key: string, release: Release): Promise<void> {
    const path = `${this.collection}/${encodeURIComponent(key)}`;
    for (let attempt = 0; ; attempt++) {
      const seen = this.seen.get(key);
      const obj = this.toObject(key, release, { modifiedAt: nowSeconds() });
      obj.metadata.resourceVersion = seen?.resourceVersion;
      try {
        this.remember(await this.client.request<StorageObject>('PUT', path, { body: obj }), release);
        return;
      } catch (err) {
        if ((err as { status?: number }).status !== 409 || !seen || attempt >= conflictRetries) {
          throw new Error(`update: failed to update: ${(err as Error).message}`);
        }
      }
      const current = await this.get(key).catch((err: Error) => {
        throw new Error(`update: "${key}" changed while this action ran and cannot be read again: ${err.message}`);
      });
      // Our own status there: a retried PUT whose first attempt landed before the connection broke.
      if (current.info.status !== seen.status && current.info.status !== release.info.status) {
        throw new Error(`update: "${key}" was changed by another client while this action ran (status ${seen.status} became ${current.info.status}); not overwriting it. Check \`history ${release.name}\` and retry the action`);
      }
    }
  }

  async delete(key: string): Promise<Release> {
    const release = await this.get(key);
    await this.client.request('DELETE', `${this.collection}/${encodeURIComponent(key)}`);
    this.seen.delete(key);
    return release;
  }

  private remember(obj: StorageObject, release: Release): void {
    if (obj.metadata.resourceVersion) this.seen.set(obj.metadata.name, { resourceVersion: obj.metadata.resourceVersion, status: release.info.status });
  }

  private toObject(key: string, release: Release, stamp: { createdAt?: number; modifiedAt?: number }): StorageObject {
    const encoded = encodeRelease(release);
    const obj: StorageObject = {
      apiVersion: 'v1',
      kind: this.name,
      metadata: { name: key, namespace: this.namespace, labels: storageLabels(release, stamp) },
    };
    if (this.name === 'Secret') {
      obj.type = 'helm.sh/release.v1';
      obj.data = { release: Buffer.from(encoded).toString('base64') };
    } else {
      obj.data = { release: encoded };
    }
    return obj;
  }

  private fromObject(obj: StorageObject): Release {
    const raw = obj.data?.release;
    if (raw === undefined) throw new Error(`${this.name} ${obj.metadata.name} has no "release" data`);
    const encoded = this.name === 'Secret' ? Buffer.from(raw, 'base64').toString('utf8') : raw;
    return decodeRelease(encoded);
  }
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
