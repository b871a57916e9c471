// In-memory storage driver (Helm's "memory" driver): releases live only as long as the process,
// kept encoded so that what is read back is a copy, never the caller's object.
import type { Release } from './record.ts';
import { decodeRelease, encodeRelease } from './codec.ts';
import { ReleaseExistsError, ReleaseNotFoundError, releaseLabelsFrom, storageLabels, type ReleaseDriver } from './driver.ts';

export class MemoryDriver implements ReleaseDriver {
  readonly name = 'Memory';
  private readonly records = new Map<string, { encoded: string; labels: Record<string, string> }>();

  async get(key: string): Promise<Release> {
    const record = this.records.get(key);
    if (!record) throw new ReleaseNotFoundError(key);
    return this.restore(record);
  }

  async query(labels: Record<string, string>): Promise<Release[]> {
    const matches: Release[] = [];
    for (const record of this.records.values()) {
      if (Object.entries(labels).every(([k, v]) => record.labels[k] === v)) matches.push(this.restore(record));
    }
    return matches;
  }

  async create(key: string, release: Release): Promise<void> {
    if (this.records.has(key)) throw new ReleaseExistsError(key);
    this.records.set(key, { encoded: encodeRelease(release), labels: storageLabels(release, {}) });
  }

  async update(key: string, release: Release): Promise<void> {
    this.records.set(key, { encoded: encodeRelease(release), labels: storageLabels(release, {}) });
  }

  async delete(key: string): Promise<Release> {
    const release = await this.get(key);
    this.records.delete(key);
    return release;
  }

  private restore(record: { encoded: string; labels: Record<string, string> }): Release {
    const release = decodeRelease(record.encoded);
    release.labels = releaseLabelsFrom(record.labels);
    return release;
  }
}
