// Charts from HTTP chart repositories, as helm's ChartDownloader: REPO/CHART through
// repositories.yaml and the cached index, `--repo URL`, or a chart URL; the archive is checked
// and kept in the content cache under its digest (its .prov beside it when asked for).
import { existsSync, mkdirSync } from 'node:fs';
import { checkedChartArchive } from '../chart/archive-check.ts';
import { contentCache, repositoryCache, repositoryConfig } from '../helmpath/paths.ts';
import { cacheIndexFile, findChartInRepoUrl, loadIndexFile, resolveReferenceUrl } from '../repo/chart-repository.ts';
import { sha256Hex } from '../chart/archive-digest.ts';
import { cacheGet, cachePut, normalizeDigest } from '../repo/content-cache.ts';
import { findChartVersion } from '../repo/index-file.ts';
import { httpGet, type HttpGetOptions } from '../repo/http-get.ts';
import { readRepoFileOrEmpty, repoEntry, type RepoEntry } from '../repo/repo-file.ts';
import { join } from 'node:path';
import type { ChartSourceOptions } from './locate.ts';

/** A chart reference made absolute: where to GET it, with which options, and its digest if known. */
interface ResolvedChart {
  url: string;
  get: HttpGetOptions;
  digest: string;
}

export const isChartUrl = (ref: string) => /^https?:\/\/[^/]+\/./.test(ref);

function flagGetOptions(o: ChartSourceOptions): HttpGetOptions {
  return {
    username: o.username, password: o.password, passCredentialsAll: o.passCredentials,
    caFile: o.caFile, certFile: o.certFile, keyFile: o.keyFile, insecureSkipTlsVerify: o.insecureSkipTlsVerify,
  };
}

// Later settings win, as helm appends getter options: a repository's own TLS files and
// credentials replace the flags' when it has them.
function withRepoSettings(base: HttpGetOptions, entry: RepoEntry): HttpGetOptions {
  const out: HttpGetOptions = { ...base, credentialsUrl: entry.url };
  if (entry.certFile || entry.keyFile || entry.caFile) Object.assign(out, { certFile: entry.certFile, keyFile: entry.keyFile, caFile: entry.caFile });
  if (entry.username && entry.password) Object.assign(out, { username: entry.username, password: entry.password, passCredentialsAll: entry.pass_credentials_all });
  return out;
}

const samePath = (a: string, b: string) => {
  const norm = (u: string) => { const x = new URL(u); x.pathname = x.pathname.replace(/\/+$/, '') || '/'; return x.toString(); };
  try { return norm(a) === norm(b); } catch { return a === b; }
};

/** The configured repository whose cached index lists `url` (for its TLS and credentials). */
function repositoryOwning(url: string, env: NodeJS.ProcessEnv): RepoEntry | undefined {
  for (const entry of readRepoFileOrEmpty(repositoryConfig(env)).repositories) {
    const index = loadCachedIndex(entry, env);
    for (const versions of index.entries.values()) {
      if (versions.some((v) => v.urls.some((u) => samePath(u, url)))) return entry;
    }
  }
  return undefined;
}

function loadCachedIndex(entry: RepoEntry, env: NodeJS.ProcessEnv) {
  try {
    return loadIndexFile(join(repositoryCache(env), cacheIndexFile(entry.name)));
  } catch (err) {
    throw new Error(`no cached repo found. (try 'helm repo update'): ${(err as Error).message}`, { cause: err });
  }
}

function resolveUrl(url: string, base: HttpGetOptions, env: NodeJS.ProcessEnv): ResolvedChart {
  const owner = repositoryOwning(url, env);
  return { url, get: owner ? withRepoSettings(base, owner) : { ...base, credentialsUrl: url }, digest: '' };
}

function resolveRepoChart(reference: string, version: string, base: HttpGetOptions, env: NodeJS.ProcessEnv): ResolvedChart {
  const slash = reference.indexOf('/');
  if (slash < 0) throw new Error(`non-absolute URLs should be in form of repo_name/path_to_chart, got: ${reference}`);
  const [repoName, chartName] = [reference.slice(0, slash), reference.slice(slash + 1)];
  const entry = readRepoFileOrEmpty(repositoryConfig(env)).repositories.find((r) => r.name === repoName);
  if (!entry) throw new Error(`repo ${repoName} not found`);
  if (!entry.url) throw new Error(`no URL found for repository ${repoName}`);
  const index = loadCachedIndex(entry, env);
  let found;
  try {
    found = findChartVersion(index, chartName, version);
  } catch (err) {
    throw new Error(`chart ${JSON.stringify(chartName)} matching ${version} not found in ${entry.name} index. (try 'helm repo update'): ${(err as Error).message}`);
  }
  if (found.urls.length === 0) throw new Error(`chart ${JSON.stringify(reference)} has no downloadable URLs`);
  return { url: resolveReferenceUrl(entry.url, found.urls[0]), get: withRepoSettings(base, entry), digest: found.digest };
}

function sameHost(a: string, b: string): boolean {
  const [x, y] = [new URL(a), new URL(b)];
  const port = (u: URL) => u.port || (u.protocol === 'https:' ? '443' : '80');
  return x.protocol === y.protocol && x.hostname === y.hostname && port(x) === port(y);
}

async function resolveChart(reference: string, options: ChartSourceOptions, env: NodeJS.ProcessEnv): Promise<ResolvedChart> {
  const version = (options.version ?? '').trim();
  const flags = flagGetOptions(options);
  if (options.repo) {
    const entry = repoEntry({
      name: 'repo', url: options.repo, username: options.username ?? '', password: options.password ?? '',
      pass_credentials_all: options.passCredentials === true, caFile: options.caFile ?? '', certFile: options.certFile ?? '',
      keyFile: options.keyFile ?? '', insecure_skip_tls_verify: options.insecureSkipTlsVerify === true,
    });
    const { url } = await findChartInRepoUrl(entry, reference, version);
    // The repository's credentials follow the chart only to the same host, unless --pass-credentials.
    const keep = options.passCredentials === true || sameHost(options.repo, url);
    return resolveUrl(url, keep ? flags : { ...flags, username: '', password: '' }, env);
  }
  if (isChartUrl(reference)) return resolveUrl(reference, flags, env);
  return resolveRepoChart(reference, version, flags, env);
}

/** Where the chart `reference` downloads from, and how (for files beside it, such as its .prov). */
export async function chartDownloadSource(reference: string, options: ChartSourceOptions, env: NodeJS.ProcessEnv = process.env): Promise<{ url: string; get: HttpGetOptions }> {
  const { url, get } = await resolveChart(reference, options, env);
  return { url, get };
}

/** A chart in the content cache, where it came from, and its provenance file when asked for. */
export interface CachedChart {
  path: string;
  url: string;
  provPath?: string;
}

/** The cached archive for `resolved`, downloading and checking it when it is not there yet. */
async function cachedArchive(resolved: ResolvedChart, root: string, digest: string): Promise<{ path: string; digest: string }> {
  const cached = digest ? cacheGet(root, digest, '.chart') : undefined;
  if (cached) return { path: cached, digest };
  const data = await httpGet(resolved.url, { ...resolved.get, accept: 'application/gzip,application/octet-stream' });
  if (digest && sha256Hex(data) !== digest) {
    throw new Error(`chart downloaded from ${resolved.url} has digest sha256:${sha256Hex(data)}, but the repository index says sha256:${digest}; the repository may be changing: run 'helm repo update' and try again`);
  }
  try {
    checkedChartArchive(data);
  } catch (err) {
    throw new Error(`chart downloaded from ${resolved.url} is refused: ${(err as Error).message}`, { cause: err });
  }
  if (!existsSync(root)) mkdirSync(root, { recursive: true });
  const key = digest || sha256Hex(data);
  return { path: cachePut(root, key, data, '.chart'), digest: key };
}

/**
 * Downloads (or finds in the content cache) the chart `reference` names, and with
 * options.verify its URL.prov beside it.
 */
export async function downloadChartToCache(reference: string, options: ChartSourceOptions, env: NodeJS.ProcessEnv = process.env): Promise<CachedChart> {
  const resolved = await resolveChart(reference, options, env);
  const root = contentCache(env);
  const { path, digest } = await cachedArchive(resolved, root, resolved.digest ? normalizeDigest(resolved.digest) : '');
  if (!options.verify) return { path, url: resolved.url };
  let provPath = cacheGet(root, digest, '.prov');
  if (!provPath) {
    let prov: Buffer;
    try {
      prov = await httpGet(`${resolved.url}.prov`, resolved.get);
    } catch (err) {
      throw new Error(`failed to fetch provenance ${JSON.stringify(`${resolved.url}.prov`)}`, { cause: err });
    }
    provPath = cachePut(root, digest, prov, '.prov');
  }
  return { path, url: resolved.url, provPath };
}
