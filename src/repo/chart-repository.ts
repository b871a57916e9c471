// One chart repository as helm's repo.ChartRepository: downloading its index.yaml into the
// repository cache (NAME-index.yaml and NAME-charts.txt) and finding a chart in a repository
// given only by URL (`--repo`), with chart URLs resolved against the repository URL.
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findChartVersion, parseIndex, type ChartVersion, type IndexFile } from './index-file.ts';
import { httpGet, type HttpGetOptions } from './http-get.ts';
import type { RepoEntry } from './repo-file.ts';

export const cacheIndexFile = (name: string) => `${name}-index.yaml`;
export const cacheChartsFile = (name: string) => `${name}-charts.txt`;

/** A URL relative to the repository resolved as helm's ResolveReferenceURL (the repo's query kept). */
export function resolveReferenceUrl(baseUrl: string, ref: string): string {
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(ref)) return ref;
  const base = new URL(baseUrl);
  base.pathname = base.pathname.replace(/\/$/, '') + '/';
  const resolved = new URL(ref, base);
  resolved.search = base.search;
  return resolved.toString();
}

/** The getter options for a repository's own files: its credentials and TLS settings. */
export function repoGetOptions(entry: RepoEntry, timeoutMs?: number): HttpGetOptions {
  return {
    credentialsUrl: entry.url, username: entry.username, password: entry.password, passCredentialsAll: entry.pass_credentials_all,
    caFile: entry.caFile, certFile: entry.certFile, keyFile: entry.keyFile, insecureSkipTlsVerify: entry.insecure_skip_tls_verify, timeoutMs,
  };
}

function writeAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const staging = `${path}.tmp-${process.pid}`;
  writeFileSync(staging, data, { mode: 0o644 });
  renameSync(staging, path);
}

/**
 * Downloads the repository's index.yaml, checks that it parses, and only then writes it and the
 * list of its chart names into `cacheDir`. Returns the index file's path.
 */
export async function downloadIndexFile(entry: RepoEntry, cacheDir: string, timeoutMs?: number): Promise<string> {
  const data = await httpGet(resolveReferenceUrl(entry.url, 'index.yaml'), repoGetOptions(entry, timeoutMs));
  const index = parseIndex(data, entry.url);
  writeAtomic(join(cacheDir, cacheChartsFile(entry.name)), [...index.entries.keys()].map((n) => `${n}\n`).join(''));
  const path = join(cacheDir, cacheIndexFile(entry.name));
  writeAtomic(path, data);
  return path;
}

/** Reads a cached index; errors carry helm's "error loading PATH" prefix. */
export function loadIndexFile(path: string): IndexFile {
  const data = readFileSync(path);
  try {
    return parseIndex(data, path);
  } catch (err) {
    throw new Error(`error loading ${path}: ${(err as Error).message}`);
  }
}

/** helm's repo.ChartNotFoundError. */
export class ChartNotFoundError extends Error {}

/** The absolute download URL of `chart` in the repository at `entry.url` (helm's FindChartInRepoURL). */
export async function findChartInRepoUrl(entry: RepoEntry, chart: string, version: string): Promise<{ url: string; version: ChartVersion }> {
  const scratch = mkdtempSync(join(tmpdir(), 'hookline-repo-'));
  let index: IndexFile;
  try {
    try {
      index = loadIndexFile(await downloadIndexFile({ ...entry, name: 'repo' }, scratch));
    } catch (err) {
      throw new Error(`looks like ${JSON.stringify(entry.url)} is not a valid chart repository or cannot be reached: ${(err as Error).message}`, { cause: err });
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const what = version ? `chart ${JSON.stringify(chart)} version ${JSON.stringify(version)}` : `chart ${JSON.stringify(chart)}`;
  let found: ChartVersion;
  try {
    found = findChartVersion(index, chart, version);
  } catch {
    throw new ChartNotFoundError(`${what} not found in ${entry.url} repository`);
  }
  if (found.urls.length === 0) throw new Error(`${what} has no downloadable URLs`);
  return { url: resolveReferenceUrl(entry.url, found.urls[0]), version: found };
}
