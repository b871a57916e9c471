// Helm's release encoding: the record's Go structs as encoding/json writes them, gzipped at
// best compression, then base64. Decoding also accepts records stored before Helm compressed them.
import { gunzipSync, gzipSync, constants } from 'node:zlib';
import { goJsonMarshal } from '../codec/go-json.ts';
import type { Release } from './record.ts';
import { releaseStruct } from './record-layout.ts';

const gzipMagic = [0x1f, 0x8b, 0x08];

export function encodeRelease(release: Release): string {
  const json = Buffer.from(goJsonMarshal(releaseStruct(release)), 'utf8');
  return gzipSync(json, { level: constants.Z_BEST_COMPRESSION }).toString('base64');
}

export function decodeRelease(data: string): Release {
  let bytes: Buffer = Buffer.from(data, 'base64');
  if (bytes.length >= 3 && gzipMagic.every((b, i) => bytes[i] === b)) bytes = gunzipSync(bytes);
  const release = JSON.parse(bytes.toString('utf8')) as Release;
  // As Go decodes into its struct: a weight left out (omitempty) is the int zero.
  for (const hook of release.hooks ?? []) hook.weight ??= 0;
  return release;
}
