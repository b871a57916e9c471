// Writes a loaded chart as a .tgz the way helm's chartutil.Save does: NAME/Chart.yaml
// (re-encoded metadata), Chart.lock, values.yaml, values.schema.json, templates, files, then
// each subchart unpacked under NAME/charts/, in a gzip stream marked as helm marks it.
import { crc32, deflateRawSync } from 'node:zlib';
import { posix } from 'node:path';
import { Header, Pax } from 'tar';
import { marshalYaml } from '../codec/goyaml-emit.ts';
import type { GoValue } from '../govalue/types.ts';
import { encodeLock, encodeMetadata } from './metadata-json.ts';
import { validateMetadata } from './metadata.ts';
import type { Chart } from './types.ts';

// helm's gzip header: these Extra bytes and the comment "Helm".
const GZIP_EXTRA = Buffer.from('+aHR0cHM6Ly95b3V0dS5iZS96OVV6MWljandyTQo=');
const GZIP_COMMENT = Buffer.from('Helm\0');

function tarEntry(name: string, body: Uint8Array, mtime: Date): Buffer[] {
  const fields = { path: name, mode: 0o644, size: body.length, mtime, type: 'File' as const, uid: 0, gid: 0 };
  const header = new Header(fields);
  const block = Buffer.alloc(512);
  const needsPax = header.encode(block);
  const padding = Buffer.alloc((512 - (body.length % 512)) % 512);
  return [...(needsPax ? [new Pax(fields).encode()] : []), block, Buffer.from(body), padding];
}

function chartName(chart: Chart): string {
  const name = chart.metadata.name;
  if (posix.basename(name) !== name) throw new Error(`chart name "${name}" is invalid: it must not contain path separators`);
  return name;
}

function chartEntries(chart: Chart, prefix: string, mtime: Date): Buffer[] {
  const base = posix.join(prefix, chartName(chart));
  const md = chart.metadata;
  // A v1 chart keeps its dependencies in requirements.yaml, not in Chart.yaml.
  const metadata = md.apiVersion === 'v1' ? { ...md, dependencies: [] } : md;
  const out: Buffer[] = [...tarEntry(`${base}/Chart.yaml`, Buffer.from(marshalYaml(encodeMetadata(metadata) as GoValue)), mtime)];
  if (md.apiVersion === 'v2' && chart.lock) out.push(...tarEntry(`${base}/Chart.lock`, Buffer.from(marshalYaml(encodeLock(chart.lock) as GoValue)), mtime));
  const values = chart.raw.find((f) => f.name === 'values.yaml');
  if (values) out.push(...tarEntry(`${base}/values.yaml`, values.data, mtime));
  if (chart.schema) {
    try {
      JSON.parse(Buffer.from(chart.schema).toString('utf8'));
    } catch {
      throw new Error('invalid JSON in values.schema.json');
    }
    out.push(...tarEntry(`${base}/values.schema.json`, chart.schema, mtime));
  }
  for (const f of [...chart.templates, ...chart.files]) out.push(...tarEntry(`${base}/${f.name}`, f.data, mtime));
  for (const dep of chart.dependencies) out.push(...chartEntries(dep, `${base}/charts`, mtime));
  return out;
}

function gzipAsHelm(data: Buffer): Buffer {
  const header = Buffer.from([0x1f, 0x8b, 0x08, 0x04 | 0x10, 0, 0, 0, 0, 0, 0xff]);
  const xlen = Buffer.alloc(2);
  xlen.writeUInt16LE(GZIP_EXTRA.length);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(data) >>> 0, 0);
  trailer.writeUInt32LE(data.length % 2 ** 32, 4);
  return Buffer.concat([header, xlen, GZIP_EXTRA, GZIP_COMMENT, deflateRawSync(data), trailer]);
}

/** The archive bytes of `chart` (validated first, as helm's Save does). */
export function packageChart(chart: Chart, mtime = new Date()): Buffer {
  try {
    validateMetadata(structuredClone(chart.metadata));
  } catch (err) {
    throw new Error(`chart validation: ${(err as Error).message}`);
  }
  return gzipAsHelm(Buffer.concat([...chartEntries(chart, '', mtime), Buffer.alloc(1024)]));
}

/** The file name helm gives a packaged chart. */
export const packageFileName = (chart: Chart) => `${chart.metadata.name}-${chart.metadata.version}.tgz`;
