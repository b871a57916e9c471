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
    release.labels = releaseLabelsFrom(obj.metadata.labels);
    return release;
  }

  async query(labels: Record<string, string>): Promise<Release[]> {
    const selector = Object.entries({ owner: 'helm', ...labels }).map(([k, v]) => `${k}=${v}`).join(',');
    const list = await this.client.request<{ items: StorageObject[] }>('GET', this.collection, {
      query: { labelSelector: selector },
    });
    const releases: Release[] = [];
    for (const item of list.items) {
      try {
        // As Helm's Query: the object's labels whole, its system labels included.
        releases.push({ ...this.fromObject(item), labels: { ...item.metadata.labels } });
      } catch {
        // Helm skips records it cannot decode rather than failing the whole listing.
      }
    }
    return releases;
  }

  async create(key: string, release: Release): Promise<void> {
    const obj = this.toObject(key, release, { createdAt: nowSeconds() });
    try {
      await this.client.request('POST', this.collection, { body: obj });
    } catch (err) {
      if ((err as { status?: number }).status === 409) throw new ReleaseExistsError(key);
      throw new Error(`create: failed to create: ${(err as Error).message}`);
    }
  }

  async update(key: string, release: Release): Promise<void> {
    const obj = this.toObject(key, release, { modifiedAt: nowSeconds() });
    try {
      await this.client.request('PUT', `${this.collection}/${encodeURIComponent(key)}`, { body: obj });
    } catch (err) {
      throw new Error(`update: failed to update: ${(err as Error).message}`);
    }
  }

  async delete(key: string): Promise<Release> {
    const release = await this.get(key);
    await this.client.request('DELETE', `${this.collection}/${encodeURIComponent(key)}`);
    return release;
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
