// `push CHART.tgz oci://HOST/PATH`: uploads a packaged chart (and CHART.tgz.prov when present)
// as helm does, to HOST/PATH/NAME:VERSION, and reports what it pushed in helm's words.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import { loadChart } from '../chart/load.ts';
import { formatRfc3339Nano } from '../gotime/timestamps.ts';
import { buildChartManifest, MANIFEST_MEDIA_TYPE } from './chart-manifest.ts';
import { RegistryClient, type RegistryClientOptions } from './client.ts';
import { formatOciReference, OCI_SCHEME, parseOciReference, versionToTag } from './reference.ts';
import { transferReport } from './report.ts';

/** Pushes the chart archive; returns the report helm prints (on stderr). */
export async function pushChart(chartFile: string, remote: string, options: RegistryClientOptions): Promise<string> {
  if (!remote.includes('://')) throw new Error(`scheme prefix missing from remote (e.g. "${OCI_SCHEME}")`);
  if (!remote.startsWith(OCI_SCHEME)) throw new Error(`scheme "${remote.slice(0, remote.indexOf('://'))}" not supported: push takes oci://HOST/PATH`);
  if (!existsSync(chartFile)) throw new Error(`${chartFile}: no such file`);
  const stat = statSync(chartFile);
  if (stat.isDirectory()) throw new Error('cannot push directory, must provide chart archive (.tgz)');
  const meta = loadChart(chartFile).metadata;
  const target = parseOciReference(`${posix.join(remote.slice(OCI_SCHEME.length), meta.name)}:${versionToTag(meta.version)}`);
  const chart = readFileSync(chartFile);
  const provFile = `${chartFile}.prov`;
  const prov = existsSync(provFile) ? readFileSync(provFile) : undefined;
  // helm records the archive's modification time, in whole seconds, as the creation time.
  const created = formatRfc3339Nano(BigInt(Math.floor(stat.mtimeMs / 1000)) * 1_000_000_000n);
  const manifest = buildChartManifest(meta, chart, prov, created);
  const client = new RegistryClient(target.registry, options);
  for (const blob of manifest.blobs) await client.pushBlob(target.repository, blob);
  const digest = await client.pushManifest(target.repository, target.tag!, manifest.body, MANIFEST_MEDIA_TYPE);
  return transferReport('Pushed', formatOciReference(target), digest, target.tag!.includes('_'));
}
