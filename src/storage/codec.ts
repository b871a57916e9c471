// Helm's release encoding: JSON as Go's encoding/json writes it, gzipped at best compression,
// then base64. Decoding also accepts records stored before Helm compressed them.
import { gunzipSync, gzipSync, constants } from 'node:zlib';
import { GoInteger } from '../govalue/types.ts';
import type { Release } from '../release/record.ts';

const gzipMagic = [0x1f, 0x8b, 0x08];

// JSON.rawJSON (Node 21+) writes integers beyond 2^53 exactly; TypeScript's lib lacks it.
const rawJSON = (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON;

// Go escapes these inside JSON strings (HTML safety and JavaScript line terminators).
const goEscapes: Record<string, string> = {
  '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029',
};

/** JSON text of a value holding Go values (bigint integers, byte slices) as Go would write it. */
export function goJson(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return rawJSON(v.toString());
    if (v instanceof GoInteger) return rawJSON(v.value.toString());
    if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
    return v;
  });
  // Outside strings JSON has none of these characters, so replacing everywhere is safe.
  return text.replace(/[<>&\u2028\u2029]/g, (c) => goEscapes[c]);
}

export function encodeRelease(release: Release): string {
  const { labels: _labels, ...stored } = release; // labels live on the storage object
  const json = Buffer.from(goJson(stored), 'utf8');
  return gzipSync(json, { level: constants.Z_BEST_COMPRESSION }).toString('base64');
}

export function decodeRelease(data: string): Release {
  let bytes: Buffer = Buffer.from(data, 'base64');
  if (bytes.length >= 3 && gzipMagic.every((b, i) => bytes[i] === b)) bytes = gunzipSync(bytes);
  return JSON.parse(bytes.toString('utf8')) as Release;
}
