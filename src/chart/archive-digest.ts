// The SHA-256 (hex) by which helm names a chart archive: in index.yaml digests, the content
// cache's file names and provenance files.
import { createHash } from 'node:crypto';

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
