// Unpacks a chart archive into DIR/<chart name> as helm's chartutil.Expand does, but only after
// every entry passed the archive checks, so a refused archive writes nothing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkedChartArchive } from './archive-check.ts';
import { parseStructYaml } from './metadata.ts';

export function expandChartArchive(data: Uint8Array, dir: string): void {
  const files = checkedChartArchive(data);
  const chartYaml = files.find((f) => f.name === 'Chart.yaml');
  const name = chartYaml ? String(parseStructYaml(Buffer.from(chartYaml.data).toString('utf8'), 'Chart.yaml').name ?? '') : '';
  if (name === '') throw new Error('chart name not specified');
  if (name === '.' || name === '..') throw new Error(`chart name ${JSON.stringify(name)} is not allowed`);
  if (name.includes('/') || name.includes('\\')) throw new Error(`chart name ${JSON.stringify(name)} must not contain path separators`);
  const chartDir = join(dir, name);
  for (const f of files) {
    // The names passed archiveEntryName's checks: relative, no "..", so they stay in chartDir.
    const out = join(chartDir, f.name);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, f.data, { mode: 0o644 });
  }
}
