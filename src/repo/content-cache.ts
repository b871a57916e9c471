// helm 4's content cache: downloaded charts (and provenance files) stored by the SHA-256 of the
// chart, CACHE/ab/abcdef….chart, so helm and Hookline reuse each other's downloads.
import { mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type CacheKind = '.chart' | '.prov';

function cachePath(root: string, digest: string, kind: CacheKind): string {
  return join(root, digest.slice(0, 2), digest + kind);
}

/** Strips an algorithm prefix ("sha256:") and checks the digest is 32 bytes of hex. */
export function normalizeDigest(digest: string): string {
  const hex = digest.slice(digest.indexOf(':') + 1).toLowerCase();
  if (!/^[0-9a-f]*$/.test(hex) || hex.length % 2 !== 0) throw new Error(`unable to decode digest: encoding/hex: invalid byte in ${JSON.stringify(digest)}`);
  if (hex.length !== 64) throw new Error(`invalid digest length: ${hex.length / 2}`);
  return hex;
}

/** The cached file for `digest`, or undefined when absent (an empty file counts as absent). */
export function cacheGet(root: string, digest: string, kind: CacheKind): string | undefined {
  const path = cachePath(root, digest, kind);
  try {
    const st = statSync(path);
    return st.isFile() && st.size > 0 ? path : undefined;
  } catch {
    return undefined;
  }
}

export function cachePut(root: string, digest: string, data: Uint8Array, kind: CacheKind): string {
  const path = cachePath(root, digest, kind);
  mkdirSync(join(root, digest.slice(0, 2)), { recursive: true });
  const staging = `${path}.tmp-${process.pid}`;
  writeFileSync(staging, data, { mode: 0o644 });
  renameSync(staging, path);
  return path;
}
