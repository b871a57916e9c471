// `dependency update|build` as helm's downloader.Manager: Chart.yaml dependencies resolved
// against repositories (by URL, @name or alias:name, unmanaged URLs cached as helm-manager-…),
// file:// charts packaged, charts/ filled through a staging folder, and Chart.lock written with
// helm's digest (sha256 of the JSON of the requested and the locked dependencies).
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { marshalYaml } from '../codec/goyaml-emit.ts';
import { encodeDependency, encodeLock } from '../chart/metadata-json.ts';
import { loadChart } from '../chart/load.ts';
import { packageChart, packageFileName } from '../chart/package.ts';
import type { Chart, ChartDependency, ChartLock } from '../chart/types.ts';
import { verifyChartFile } from '../chart/provenance.ts';
import { RegistryClient } from '../oci/client.ts';
import { resolveChartReference } from '../oci/pull.ts';
import { parseOciReference, tagToVersion } from '../oci/reference.ts';
import { SemverConstraint, SemverVersion } from '../funcs/semver.ts';
import type { GoValue } from '../govalue/types.ts';
import { timestampNow } from '../gotime/timestamps.ts';
import { repositoryCache, repositoryConfig } from '../helmpath/paths.ts';
import { goJson } from '../codec/go-json.ts';
import { cacheIndexFile, downloadIndexFile, findChartInRepoUrl, loadIndexFile, resolveReferenceUrl } from '../repo/chart-repository.ts';
import type { IndexFile } from '../repo/index-file.ts';
import { readRepoFile, repoEntry, type RepoEntry } from '../repo/repo-file.ts';
import { downloadChartToCache } from './http-chart.ts';
import { defaultKeyring, locateChart, type ChartSourceOptions } from './locate.ts';

export interface DependencyOptions {
  skipRefresh?: boolean;
  /** Provenance checks of downloaded charts: helm's update fails without a .prov, build only warns. */
  verify?: 'always' | 'if-possible';
  keyring?: string;
  /** Registry access for oci:// dependencies (helm's --plain-http, --ca-file, ... on dependency commands). */
  registry?: ChartSourceOptions;
  /** No progress lines (package --dependency-update). */
  quiet?: boolean;
}

const MANAGER_PREFIX = 'helm-manager-';
const isOci = (repo: string) => repo.startsWith('oci://');

// Sorted map keys inside import-values, as encoding/json writes Go maps.
function sortedDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedDeep);
  if (v && typeof v === 'object' && !(v instanceof Uint8Array)) {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortedDeep((v as Record<string, unknown>)[k])]));
  }
  return v;
}

/** helm's resolver.HashReq: "sha256:" + SHA-256 of json.Marshal([requested, locked]). */
export function hashRequirements(requested: ChartDependency[], locked: ChartDependency[]): string {
  const encode = (d: ChartDependency) => ({ ...encodeDependency(d), ...(d.importValues.length ? { 'import-values': sortedDeep(d.importValues) } : {}) });
  return `sha256:${createHash('sha256').update(goJson([requested.map(encode), locked.map(encode)])).digest('hex')}`;
}

/** Go's urlutil.Equal: URLs equal once each path is cleaned ("" counts as "/"). */
function sameUrl(a: string, b: string): boolean {
  const clean = (u: string) => {
    try {
      const x = new URL(u);
      x.pathname = x.pathname.replace(/\/+$/, '') || '/';
      return x.toString();
    } catch {
      return u.replace(/\/+$/, '');
    }
  };
  return clean(a) === clean(b);
}

function exactDependency(name: string, repository: string, version: string): ChartDependency {
  return { name, repository, version, condition: '', tags: [], enabled: false, importValues: [], alias: '' };
}

function localPath(repo: string, chartPath: string): string {
  const p = repo.replace(/^file:\/\//, '');
  const path = isAbsolute(p) ? resolve(p) : join(chartPath, p);
  if (!existsSync(path)) throw new Error(`directory ${path} not found`);
  return path;
}

function parseConstraint(name: string, version: string): SemverConstraint {
  try {
    return new SemverConstraint(version);
  } catch (err) {
    throw new Error(`dependency ${JSON.stringify(name)} has an invalid version/constraint format: ${(err as Error).message}`);
  }
}

class DependencyManager {
  readonly chartPath: string;
  readonly options: DependencyOptions;
  readonly repos: RepoEntry[];

  constructor(chartPath: string, options: DependencyOptions) {
    this.chartPath = chartPath;
    this.options = options;
    this.repos = readRepoFile(repositoryConfig())?.repositories ?? [];
  }

  print(line: string): void {
    if (!this.options.quiet) process.stdout.write(`${line}\n`);
  }

  loadChartDir(): Chart {
    let isDir: boolean;
    try {
      isDir = statSync(this.chartPath).isDirectory();
    } catch {
      throw new Error(`could not find ${this.chartPath}: stat ${this.chartPath}: no such file or directory`);
    }
    if (!isDir) throw new Error('only unpacked charts can be updated');
    return loadChart(this.chartPath);
  }

  /** Which configured repository each dependency comes from; "@name" and "alias:name" become its URL. */
  resolveRepoNames(deps: ChartDependency[]): Map<string, string> {
    const names = new Map<string, string>();
    const missing: string[] = [];
    for (const d of deps) {
      if (d.repository === '') continue;
      if (d.repository.startsWith('file://')) {
        localPath(d.repository, this.chartPath);
        names.set(d.name, d.repository);
        continue;
      }
      if (isOci(d.repository)) {
        names.set(d.name, d.repository);
        continue;
      }
      const aliased = d.repository.startsWith('@') ? d.repository.slice(1) : d.repository.startsWith('alias:') ? d.repository.slice(6) : undefined;
      const repo = this.repos.find((r) => (aliased !== undefined && aliased === r.name) || sameUrl(r.url, d.repository));
      if (repo) {
        if (aliased !== undefined) d.repository = repo.url;
        names.set(d.name, repo.name);
      } else if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/|^\//.test(d.repository)) {
        names.set(d.repository, d.repository);
      } else {
        missing.push(d.repository);
      }
    }
    if (missing.length > 0) {
      let message = `no repository definition for ${missing.join(', ')}. Please add them via 'helm repo add'`;
      if (missing.some((r) => !r.includes('//') && !r.startsWith('@') && !r.startsWith('alias:'))) {
        message += '\nNote that repositories must be URLs or aliases. For example, to refer to the "example"\n' +
          'repository, use "https://charts.example.com/" or "@example" instead of\n' +
          '"example". Don\'t forget to add the repo, too (\'helm repo add\').';
      }
      throw new Error(message);
    }
    return names;
  }

  /** Repositories given only by URL get a cached index under helm-manager-<sha256 of the URL>. */
  async ensureMissingRepos(names: Map<string, string>, deps: ChartDependency[]): Promise<void> {
    const unmanaged: RepoEntry[] = [];
    for (const d of deps) {
      if (d.repository === '' || names.has(d.name)) continue;
      const name = MANAGER_PREFIX + createHash('sha256').update(d.repository).digest('hex');
      names.set(d.name, name);
      unmanaged.push(repoEntry({ name, url: d.repository }));
    }
    if (!this.options.skipRefresh && unmanaged.length > 0) {
      this.print('Getting updates for unmanaged Helm repositories...');
      await this.parallelRepoUpdate(unmanaged);
    }
  }

  async parallelRepoUpdate(repos: RepoEntry[]): Promise<void> {
    const unique = new Map(repos.map((r) => [r.url.replace(/\/$/, ''), r]));
    await Promise.all([...unique.values()].map(async (r) => {
      const label = r.name.startsWith(MANAGER_PREFIX) ? JSON.stringify(r.url) : JSON.stringify(r.name);
      try {
        await downloadIndexFile(r, repositoryCache());
        this.print(`...Successfully got an update from the ${label} chart repository`);
      } catch (err) {
        const where = r.name.startsWith(MANAGER_PREFIX) ? '' : ` (${r.url})`;
        this.print(`...Unable to get an update from the ${label} chart repository${where}:\n\t${(err as Error).message}`);
      }
    }));
  }

  async updateRepositories(): Promise<void> {
    if (this.options.skipRefresh || this.repos.length === 0) return;
    this.print('Hang tight while we grab the latest from your chart repositories...');
    await this.parallelRepoUpdate(this.repos);
    this.print('Update Complete. ⎈Happy Helming!⎈');
  }

  /** The version each dependency locks to (helm's resolver.Resolve). */
  async resolve(deps: ChartDependency[], names: Map<string, string>): Promise<ChartLock> {
    const lock = this.resolveRepositories(deps, names);
    // An OCI range resolves against the registry's tags (the highest match), as helm's resolver does.
    for (const [i, d] of deps.entries()) {
      if (!isOci(d.repository) || SemverVersion.tryParse(d.version)) continue;
      const ref = `${d.repository.replace(/\/$/, '')}/${d.name}`;
      const client = new RegistryClient(parseOciReference(ref).registry, { ...this.options.registry });
      const { tag } = await resolveChartReference(client, ref, d.version);
      lock.dependencies[i] = exactDependency(d.name, d.repository, tagToVersion(tag!));
    }
    lock.digest = hashRequirements(deps, lock.dependencies);
    return lock;
  }

  resolveRepositories(deps: ChartDependency[], names: Map<string, string>): ChartLock {
    const missing: string[] = [];
    const locked = deps.map((d) => {
      const constraint = parseConstraint(d.name, d.version);
      if (d.repository === '') {
        localPath(join('charts', d.name), this.chartPath);
        return exactDependency(d.name, '', d.version);
      }
      if (d.repository.startsWith('file://')) {
        const version = loadChart(localPath(d.repository, this.chartPath), () => {}).metadata.version;
        const v = SemverVersion.tryParse(version);
        if (!v || !constraint.check(v)) missing.push(`${JSON.stringify(d.name)} (repository ${JSON.stringify(d.repository)}, version ${JSON.stringify(d.version)})`);
        return exactDependency(d.name, d.repository, version);
      }
      const repoName = names.get(d.name) ?? '';
      if (repoName === '') return exactDependency(d.name, d.repository, d.version);
      if (isOci(d.repository)) return exactDependency(d.name, d.repository, d.version);
      let index: IndexFile;
      try {
        index = loadIndexFile(join(repositoryCache(), cacheIndexFile(repoName)));
      } catch (err) {
        throw new Error(`no cached repository for ${repoName} found. (try 'helm repo update'): ${(err as Error).message}`);
      }
      const versions = index.entries.get(d.name);
      if (!versions) throw new Error(`${d.name} chart not found in repo ${d.repository}`);
      const found = versions.find((cv) => {
        const v = SemverVersion.tryParse(cv.metadata.version);
        return v !== undefined && cv.urls.length > 0 && constraint.check(v);
      });
      if (!found) missing.push(`${JSON.stringify(d.name)} (repository ${JSON.stringify(d.repository)}, version ${JSON.stringify(d.version)})`);
      return exactDependency(d.name, d.repository, found ? found.metadata.version : '');
    });
    if (missing.length > 0) {
      throw new Error(`can't get a valid version for ${missing.length} subchart(s): ${missing.join(', ')}. Make sure a matching chart version exists in the repo, or change the version constraint in Chart.yaml`);
    }
    return { generated: timestampNow(), digest: hashRequirements(deps, locked), dependencies: locked };
  }

  /** The download URL of a locked dependency (helm's findChartURL). */
  async chartUrl(d: ChartDependency): Promise<string> {
    for (const r of this.repos) {
      if (!sameUrl(d.repository, r.url)) continue;
      const index = loadIndexFile(join(repositoryCache(), cacheIndexFile(r.name)));
      const entry = index.entries.get(d.name);
      if (!entry) throw new Error(`could not find : entry not found`);
      const want = SemverVersion.tryParse(d.version);
      const found = entry.find((cv) => cv.urls.length > 0 && (d.version === '' || (want ? SemverVersion.tryParse(cv.metadata.version)?.compare(want) === 0 : cv.metadata.version === d.version)));
      if (!found) throw new Error('could not find : no matching version');
      return resolveReferenceUrl(d.repository, found.urls[0]);
    }
    try {
      return (await findChartInRepoUrl(repoEntry({ name: 'dependency', url: d.repository }), d.name, d.version)).url;
    } catch (err) {
      throw new Error(`could not find : chart ${d.name} not found in ${d.repository}: ${(err as Error).message}`);
    }
  }

  /** Fills charts/ with every locked dependency, through a staging folder, then drops outdated archives. */
  async downloadAll(deps: ChartDependency[]): Promise<void> {
    for (const r of this.repos) loadIndexFile(join(repositoryCache(), cacheIndexFile(r.name)));
    const dest = join(this.chartPath, 'charts');
    if (existsSync(dest) && !statSync(dest).isDirectory()) throw new Error(`${JSON.stringify(dest)} is not a directory`);
    mkdirSync(dest, { recursive: true });
    const staging = join(this.chartPath, `tmpcharts-${process.pid}`);
    mkdirSync(staging, { recursive: true });
    try {
      this.print(`Saving ${deps.length} charts`);
      const fetched = new Set<string>();
      try {
        for (const d of deps) await this.fetchOne(d, dest, staging, fetched);
      } catch (err) {
        this.print(`Save error occurred:  ${(err as Error).message}`);
        throw err;
      }
      this.moveDeps(deps, staging, dest);
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }

  async fetchOne(d: ChartDependency, dest: string, staging: string, fetched: Set<string>): Promise<void> {
    if (d.repository === '') {
      this.print(`Dependency ${d.name} did not declare a repository. Assuming it exists in the charts directory`);
      const path = join(dest, d.name);
      let version: string;
      try {
        version = loadChart(path, () => {}).metadata.version;
      } catch (err) {
        throw new Error(`unable to load chart '${path}': ${(err as Error).message}`);
      }
      const v = SemverVersion.tryParse(version);
      if (!v || !parseConstraint(d.name, d.version).check(v)) throw new Error(`dependency ${d.name} at version ${version} does not satisfy the constraint ${d.version}`);
      return;
    }
    if (d.repository.startsWith('file://')) {
      const chart = loadChart(localPath(d.repository, this.chartPath), () => {});
      const v = SemverVersion.tryParse(chart.metadata.version);
      if (!v || !parseConstraint(d.name, d.version).check(v)) throw new Error(`can't get a valid version for dependency ${d.name}`);
      writeFileSync(join(staging, packageFileName(chart)), packageChart(chart));
      return;
    }
    if (isOci(d.repository)) {
      this.print(`Downloading ${d.name} from repo ${d.repository}`);
      const path = await locateChart(`${d.repository.replace(/\/$/, '')}/${d.name}`, { ...this.options.registry, version: d.version });
      copyFileSync(path, join(staging, `${d.name}-${d.version}.tgz`));
      return;
    }
    const url = await this.chartUrl(d);
    if (fetched.has(url)) {
      this.print(`Already downloaded ${d.name} from repo ${d.repository}`);
      return;
    }
    this.print(`Downloading ${d.name} from repo ${d.repository}`);
    const file = join(staging, basename(new URL(url).pathname));
    try {
      copyFileSync((await downloadChartToCache(url, {})).path, file);
      if (this.options.verify) await this.verifyDownload(url, file);
    } catch (err) {
      throw new Error(`could not download ${url}: ${(err as Error).message}`);
    }
    fetched.add(url);
  }

  /** Fetches URL.prov beside the staged archive and checks it (a missing one only warns for build). */
  async verifyDownload(url: string, file: string): Promise<void> {
    let provPath: string;
    try {
      provPath = (await downloadChartToCache(url, { verify: true })).provPath!;
    } catch (err) {
      if (this.options.verify !== 'if-possible' || !(err as Error).message.startsWith('failed to fetch provenance')) throw err;
      this.print(`WARNING: Verification not found for ${url}: ${((err as Error).cause as Error).message}`);
      return;
    }
    copyFileSync(provPath, `${file}.prov`);
    await verifyChartFile(file, `${file}.prov`, basename(file), this.options.keyring ?? defaultKeyring());
  }

  moveDeps(deps: ChartDependency[], staging: string, dest: string): void {
    const local = new Set(deps.filter((d) => d.repository === '').map((d) => d.name));
    const fresh = new Set<string>();
    for (const file of readdirSync(staging)) {
      fresh.add(file);
      // Only charts move; helm reports anything else (a .prov) without a line break.
      try {
        loadChart(join(staging, file), () => {});
      } catch (err) {
        if (!this.options.quiet) process.stdout.write(`Could not verify ${join(staging, file)} for moving: ${(err as Error).message} (Skipping)`);
        continue;
      }
      renameSync(join(staging, file), join(dest, file));
    }
    this.print('Deleting outdated charts');
    for (const file of readdirSync(dest)) {
      const path = join(dest, file);
      if (fresh.has(file) || statSync(path).isDirectory()) continue;
      let name: string;
      try {
        name = loadChart(path, () => {}).metadata.name;
      } catch (err) {
        this.print(`Could not verify ${path} for deletion: ${(err as Error).message} (Skipping)`);
        continue;
      }
      if (!local.has(name)) rmSync(path);
    }
  }

  /** Every repository the lock names is configured (helm's hasAllRepos). */
  checkAllRepos(deps: ChartDependency[]): void {
    const missing = deps.filter((d) => d.repository !== '' && !d.repository.startsWith('file://') && !isOci(d.repository))
      .filter((d) => !this.repos.some((r) => sameUrl(r.url, d.repository.replace(/\/$/, ''))))
      .map((d) => d.repository);
    if (missing.length > 0) throw new Error(`no repository definition for ${missing.join(', ')}. Please add the missing repos via 'helm repo add'`);
  }

  writeLock(lock: ChartLock, legacy: boolean): void {
    const name = legacy ? 'requirements.lock' : 'Chart.lock';
    const path = join(this.chartPath, name);
    if (existsSync(path) && lstatSync(path).isSymbolicLink()) throw new Error(`the ${name} file is a symlink`);
    writeFileSync(path, marshalYaml(encodeLock(lock) as GoValue), { mode: 0o644 });
  }
}

/** `dependency update`: resolve, download, and write the lock when it changed. */
export async function updateDependencies(chartPath: string, options: DependencyOptions = {}): Promise<void> {
  const m = new DependencyManager(chartPath, options);
  const chart = m.loadChartDir();
  const deps = chart.metadata.dependencies;
  if (deps.length === 0) return;
  const names = m.resolveRepoNames(deps);
  await m.ensureMissingRepos(names, deps);
  await m.updateRepositories();
  const lock = await m.resolve(deps, names);
  await m.downloadAll(lock.dependencies);
  lock.digest = hashRequirements(deps, lock.dependencies);
  if (chart.lock?.digest === lock.digest) return;
  m.writeLock(lock, chart.metadata.apiVersion === 'v1');
}

/** `dependency build`: charts/ from the lock file (or an update when there is none). */
export async function buildDependencies(chartPath: string, options: DependencyOptions = {}): Promise<void> {
  const m = new DependencyManager(chartPath, options);
  const chart = m.loadChartDir();
  if (!chart.lock) return updateDependencies(chartPath, options);
  const deps = chart.metadata.dependencies;
  m.resolveRepoNames(deps);
  if (hashRequirements(deps, chart.lock.dependencies) !== chart.lock.digest) {
    const [lockName, depsName] = chart.metadata.apiVersion === 'v1' ? ['requirements.lock', 'requirements.yaml'] : ['Chart.lock', 'Chart.yaml'];
    throw new Error(`the lock file (${lockName}) is out of sync with the dependencies file (${depsName}). Please update the dependencies`);
  }
  m.checkAllRepos(chart.lock.dependencies);
  await m.updateRepositories();
  await m.downloadAll(chart.lock.dependencies);
}
