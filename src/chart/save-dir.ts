// Writes a loaded chart out as a chart directory the way helm's chartutil.SaveDir does:
// DEST/NAME/Chart.yaml (re-encoded), values.yaml as it was, the schema, templates and files,
// and each subchart packaged into charts/.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { marshalYaml } from '../codec/goyaml-emit.ts';
import type { GoValue } from '../govalue/types.ts';
import { encodeMetadata } from './metadata-json.ts';
import { packageChart, packageFileName } from './package.ts';
import type { Chart } from './types.ts';

function write(path: string, data: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data, { mode: 0o644 });
}

export function saveChartDir(chart: Chart, dest: string): void {
  const name = chart.metadata.name;
  if (posix.basename(name) !== name) throw new Error(`chart name "${name}" is invalid`);
  const out = join(dest, name);
  if (existsSync(out) && !statSync(out).isDirectory()) throw new Error(`file ${out} already exists and is not a directory`);
  mkdirSync(out, { recursive: true });
  const md = chart.metadata.apiVersion === 'v1' ? { ...chart.metadata, dependencies: [] } : chart.metadata;
  write(join(out, 'Chart.yaml'), marshalYaml(encodeMetadata(md) as GoValue));
  const values = chart.raw.find((f) => f.name === 'values.yaml');
  if (values) write(join(out, 'values.yaml'), values.data);
  if (chart.schema) write(join(out, 'values.schema.json'), chart.schema);
  for (const f of [...chart.templates, ...chart.files]) write(join(out, f.name), f.data);
  for (const dep of chart.dependencies) write(join(out, 'charts', packageFileName(dep)), packageChart(dep));
}
