// Release history on top of a driver, as Helm's storage layer keeps it: revisions of a
// release, the latest and the deployed one, and pruning to --history-max.
import type { Release } from './record.ts';
import { ReleaseNotFoundError, releaseKey, type ReleaseDriver } from './driver.ts';

export class ReleaseStorage {
  readonly driver: ReleaseDriver;
  /** Revisions kept per release; 0 keeps all. Helm's CLI default is 10. */
  maxHistory: number;

  constructor(driver: ReleaseDriver, maxHistory = 0) {
    this.driver = driver;
    this.maxHistory = maxHistory;
  }

  get(name: string, revision: number): Promise<Release> {
    return this.driver.get(releaseKey(name, revision));
  }

  /** Every revision of a release, oldest first; empty when the release never existed. */
  async history(name: string): Promise<Release[]> {
    const releases = await this.driver.query({ name });
    return releases.sort((a, b) => a.version - b.version);
  }

  /** The highest revision, whatever its status. */
  async last(name: string): Promise<Release> {
    const history = await this.history(name);
    if (history.length === 0) throw new ReleaseNotFoundError(name);
    return history[history.length - 1];
  }

  /** The latest revision with status deployed. */
  async deployed(name: string): Promise<Release> {
    const deployed = (await this.driver.query({ name, status: 'deployed' })).sort((a, b) => b.version - a.version);
    if (deployed.length === 0) throw new Error(`"${name}" has no deployed releases`);
    return deployed[0];
  }

  /** Stores a new revision, first pruning the oldest ones beyond maxHistory as Helm does. */
  async create(release: Release): Promise<void> {
    if (this.maxHistory > 0) await this.prune(release.name, this.maxHistory - 1);
    await this.driver.create(releaseKey(release.name, release.version), release);
  }

  update(release: Release): Promise<void> {
    return this.driver.update(releaseKey(release.name, release.version), release);
  }

  delete(name: string, revision: number): Promise<Release> {
    return this.driver.delete(releaseKey(name, revision));
  }

  /** All releases of the namespace the driver serves (every revision). */
  listAll(): Promise<Release[]> {
    return this.driver.query({});
  }

  // Keeps at most `keep` revisions, never deleting the last deployed one, oldest removed first.
  private async prune(name: string, keep: number): Promise<void> {
    const history = await this.history(name);
    if (history.length <= keep) return;
    const lastDeployed = [...history].reverse().find((r) => r.info.status === 'deployed');
    const removable = history.filter((r) => r !== lastDeployed);
    let excess = history.length - keep;
    for (const release of removable) {
      if (excess <= 0) break;
      await this.driver.delete(releaseKey(name, release.version));
      excess--;
    }
  }
}
