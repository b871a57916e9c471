// `repo index`: an index.yaml for a folder of packaged charts as helm's IndexDirectory makes it
// (DIR/*.tgz and DIR/*/*.tgz, URLs joined to --url, SHA-256 digests), optionally merged with an
// existing index, local charts first.
import { readdirSync, readFileSync, renameSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import { loadChart } from '../chart/load.ts';
import { validateMetadata, API_VERSION_V1 } from '../chart/metadata.ts';
import { sha256Hex } from '../chart/archive-digest.ts';
import { timestampNow } from '../gotime/timestamps.ts';
import { loadIndexFile } from './chart-repository.ts';
import { encodeIndex, encodeIndexJson, mergeIndex, newIndexFile, sortIndexEntries, type IndexFile } from './index-file.ts';

// path.Join as Go has it: "" stays "" instead of becoming ".".
function goPathJoin(...parts: string[]): string {
  const nonEmpty = parts.filter((p) => p !== '');
  return nonEmpty.length === 0 ? '' : posix.join(...nonEmpty);
}

/** helm's urlutil.URLJoin: path components joined onto the URL's path. */
export function urlJoin(base: string, ...paths: string[]): string {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*)([^?#]*)(.*)$/.exec(base);
  if (!m) return goPathJoin(base, ...paths);
  const path = goPathJoin(m[2], ...paths);
  return m[1] + (path === '' || path.startsWith('/') ? path : `/${path}`) + m[3];
}

function archivesIn(dir: string): string[] {
  const tgz = (d: string) => readdirSync(d).filter((n) => n.endsWith('.tgz')).sort().map((n) => join(d, n));
  const top = tgz(dir);
  const nested = readdirSync(dir).sort().filter((n) => {
    try { return statSync(join(dir, n)).isDirectory(); } catch { return false; }
  }).flatMap((n) => tgz(join(dir, n)));
  return [...top, ...nested];
}

/** The index of every loadable chart archive in `dir` (helm skips archives that fail to load). */
export function indexDirectory(dir: string, baseUrl: string, mergeWith?: string): IndexFile {
  const index = newIndexFile();
  for (const archive of archivesIn(dir)) {
    const relative = posix.relative(dir, archive);
    const parentDir = posix.dirname(relative) === '.' ? '' : posix.dirname(relative);
    const file = posix.basename(relative);
    let chart;
    try {
      chart = loadChart(archive, () => {});
    } catch {
      continue;
    }
    const md = structuredClone(chart.metadata);
    if (md.apiVersion === '') md.apiVersion = API_VERSION_V1;
    try {
      validateMetadata(md);
    } catch (err) {
      throw new Error(`failed adding to ${file} to index: validate failed for ${file}: ${(err as Error).message}`);
    }
    const parentUrl = urlJoin(baseUrl, parentDir);
    const url = parentUrl !== '' ? urlJoin(parentUrl, file) : file;
    const versions = index.entries.get(md.name) ?? [];
    versions.push({ metadata: md, urls: [url], created: timestampNow(), removed: false, digest: sha256Hex(readFileSync(archive)), legacy: {} });
    index.entries.set(md.name, versions);
  }
  if (mergeWith) {
    if (!existsSync(mergeWith)) {
      // helm writes an empty index at the --merge path when there is none.
      writeIndexFile(newIndexFile(), mergeWith, false);
    } else {
      let other: IndexFile;
      try {
        other = loadIndexFile(mergeWith);
      } catch (err) {
        throw new Error(`merge failed: ${(err as Error).message}`);
      }
      mergeIndex(index, other);
    }
  }
  sortIndexEntries(index);
  return index;
}

export function writeIndexFile(index: IndexFile, path: string, json: boolean): void {
  const staging = `${path}.tmp-${process.pid}`;
  writeFileSync(staging, json ? encodeIndexJson(index) : encodeIndex(index), { mode: 0o644 });
  renameSync(staging, path);
}
