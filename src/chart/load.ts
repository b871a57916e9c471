// Loads a chart from a directory (honouring .helmignore) or a .tgz archive into the
// Chart model, sorting each file into Chart.yaml, values, schema, templates, subcharts
// and plain files the way Helm's loader.LoadFiles does.
import { readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { readChartArchive, stripBom } from './archive.ts';
import { HELMIGNORE_FILE, IgnoreRules } from './helmignore.ts';
import {
  API_VERSION_V1, decodeLock, decodeMetadataInto, emptyMetadata, parseStructYaml, validateMetadata,
} from './metadata.ts';
import { ChartLoadError, type Chart, type ChartFile, type ChartMetadata } from './types.ts';
import { loadValuesYaml } from './values-yaml.ts';
import { warnToStderr, type ChartWarn } from './warnings.ts';

const decoder = new TextDecoder();

/** Loads the chart at `path`, a chart directory or a gzipped chart archive. */
export function loadChart(path: string, warn: ChartWarn = warnToStderr): Chart {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new ChartLoadError(`path ${JSON.stringify(path)} not found`);
  }
  if (!isDir) return loadChartArchive(path, warn);
  const chartYaml = join(resolve(path), 'Chart.yaml');
  try {
    statSync(chartYaml);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (err as Error).message;
    throw new ChartLoadError(`unable to detect chart at ${chartYaml}: open ${chartYaml}: ${reason}`);
  }
  return loadChartFiles(readChartDirectory(path), warn);
}

/**
 * A top-level archive. Helm 4 reports every unsafe or broken archive only as "unable to
 * load chart archive"; the precise reason is kept as the error's cause.
 */
function loadChartArchive(path: string, warn: ChartWarn): Chart {
  const data = new Uint8Array(readFileSync(path));
  if (data[0] !== 0x1f || data[1] !== 0x8b) {
    if (path.endsWith('.yml') || path.endsWith('.yaml')) {
      throw new ChartLoadError(`file '${path}' seems to be a YAML file, but expected a gzipped archive`);
    }
    throw new ChartLoadError(`file '${path}' does not appear to be a gzipped archive; got '${sniffContentType(data)}'`);
  }
  let files: ChartFile[];
  try {
    files = readChartArchive(data);
  } catch (err) {
    throw new ChartLoadError('unable to load chart archive', { cause: err });
  }
  const chartYaml = files.find((f) => f.name === 'Chart.yaml');
  if (!chartYaml) throw new ChartLoadError('unable to detect chart version, no Chart.yaml found');
  const apiVersion = parseStructYaml(decoder.decode(chartYaml.data), 'Chart.yaml').apiVersion;
  if (apiVersion !== undefined && apiVersion !== null && apiVersion !== '' && apiVersion !== 'v1' && apiVersion !== 'v2') {
    throw new ChartLoadError('unsupported chart version');
  }
  return loadChartFiles(files, warn);
}

// The two answers Go's http.DetectContentType gives here for what is not gzip. Helm
// sniffs a zero-filled 512-byte buffer, so a shorter file always looks binary.
function sniffContentType(data: Uint8Array): string {
  const head = new Uint8Array(512);
  head.set(data.subarray(0, 512));
  const binary = head.some((b) => b <= 0x08 || b === 0x0b || (b >= 0x0e && b <= 0x1a) || (b >= 0x1c && b <= 0x1f));
  return binary ? 'application/octet-stream' : 'text/plain; charset=utf-8';
}

/** The files of a chart directory, in lexical walk order, minus .helmignore'd ones. */
export function readChartDirectory(dir: string): ChartFile[] {
  const rules = readIgnoreRules(dir);
  rules.addDefaults();
  const files: ChartFile[] = [];
  const walk = (absDir: string, relDir: string): void => {
    for (const entry of readdirSync(absDir).sort()) {
      const abs = join(absDir, entry);
      const rel = relDir === '' ? entry : `${relDir}/${entry}`;
      let st;
      try {
        st = statSync(abs); // follows symlinks, as Helm's sympath.Walk does
      } catch (err) {
        throw new ChartLoadError(brokenEntryMessage(abs, err as NodeJS.ErrnoException));
      }
      if (st.isDirectory()) {
        if (!rules.ignores(rel, true)) walk(abs, rel);
        continue;
      }
      if (rules.ignores(rel, false)) continue;
      if (!st.isFile()) {
        throw new ChartLoadError(`cannot load irregular file ${abs} as it has file mode type bits set`);
      }
      files.push({ name: rel, data: stripBom(new Uint8Array(readFileSync(abs))) });
    }
  };
  walk(resolve(dir), '');
  return files;
}

// Helm 4.1.4 fails on a dangling symlink even when .helmignore lists it.
function brokenEntryMessage(abs: string, err: NodeJS.ErrnoException): string {
  let target: string;
  try {
    target = resolve(dirname(abs), readlinkSync(abs));
  } catch {
    return `error reading ${abs}: ${err.message}`;
  }
  return `error evaluating symlink ${abs}: lstat ${target}: no such file or directory`;
}

function readIgnoreRules(dir: string): IgnoreRules {
  let text: string;
  try {
    text = readFileSync(join(dir, HELMIGNORE_FILE), 'utf8');
  } catch {
    return new IgnoreRules();
  }
  try {
    return IgnoreRules.parse(text, join(dir, HELMIGNORE_FILE));
  } catch (err) {
    throw new ChartLoadError((err as Error).message);
  }
}

/** Builds a chart from chart-relative files (Helm's LoadFiles). */
export function loadChartFiles(files: ChartFile[], warn: ChartWarn = warnToStderr): Chart {
  const chartYaml = files.find((f) => f.name === 'Chart.yaml');
  if (!chartYaml) throw new ChartLoadError('Chart.yaml file is missing');
  const metadata = emptyMetadata();
  decodeMetadataInto(metadata, parseStructYaml(decoder.decode(chartYaml.data), 'Chart.yaml'), 'Chart.yaml');
  // Helm 2 charts had no apiVersion; Helm still reads them as v1 charts.
  if (metadata.apiVersion === '') metadata.apiVersion = API_VERSION_V1;
  if (metadata.apiVersion !== 'v1' && metadata.apiVersion !== 'v2') {
    throw new ChartLoadError('invalid chart apiVersion');
  }

  const chart: Chart = { metadata, templates: [], files: [], raw: [...files], values: {}, dependencies: [] };
  const subchartFiles = new Map<string, ChartFile[]>();
  for (const f of files) sortChartFile(chart, f, subchartFiles, warn);

  validateMetadata(metadata);
  for (const [name, subFiles] of [...subchartFiles].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (name.startsWith('_') || name.startsWith('.')) continue;
    const sub = loadSubchart(chart.metadata, name, subFiles, warn);
    if (sub) {
      sub.parent = chart;
      chart.dependencies.push(sub);
    }
  }
  return chart;
}

function sortChartFile(chart: Chart, f: ChartFile, subchartFiles: Map<string, ChartFile[]>, warn: ChartWarn): void {
  const md = chart.metadata;
  const isV1 = md.apiVersion === API_VERSION_V1;
  switch (f.name) {
    case 'Chart.yaml':
      return;
    case 'Chart.lock':
      chart.lock = decodeLock(parseStructYaml(decoder.decode(f.data), 'Chart.lock'), 'Chart.lock');
      return;
    case 'values.yaml':
      chart.values = wrapLoad('cannot load values.yaml', () => loadValuesYaml(decoder.decode(f.data)));
      return;
    case 'values.schema.json':
      chart.schema = f.data;
      return;
    case 'requirements.yaml':
      // Dependencies moved to Chart.yaml in apiVersion v2; Helm still reads the old file.
      if (!isV1) warn('INFO', 'Warning: Dependencies are handled in Chart.yaml since apiVersion "v2". We recommend migrating dependencies to Chart.yaml.');
      decodeMetadataInto(md, pickDependencies(parseStructYaml(decoder.decode(f.data), 'requirements.yaml')), 'requirements.yaml');
      if (isV1) chart.files.push(f);
      return;
    case 'requirements.lock':
      if (!isV1) warn('INFO', 'Warning: Dependency locking is handled in Chart.lock since apiVersion "v2". We recommend migrating to Chart.lock.');
      chart.lock = decodeLock(parseStructYaml(decoder.decode(f.data), 'requirements.lock'), 'requirements.lock');
      if (isV1) chart.files.push(f);
      return;
  }
  if (f.name.startsWith('templates/')) {
    chart.templates.push(f);
  } else if (f.name.startsWith('charts/') && posix.extname(f.name) !== '.prov') {
    const rest = f.name.slice('charts/'.length);
    const name = rest.split('/')[0];
    const list = subchartFiles.get(name) ?? [];
    list.push({ name: rest, data: f.data });
    subchartFiles.set(name, list);
  } else {
    chart.files.push(f);
  }
}

// requirements.yaml is unmarshalled into the metadata struct, so only known fields matter.
function pickDependencies(raw: Record<string, unknown>): Record<string, unknown> {
  return 'dependencies' in raw ? { dependencies: raw.dependencies } : {};
}

function loadSubchart(parent: ChartMetadata, name: string, files: ChartFile[], warn: ChartWarn): Chart | undefined {
  const context = `error unpacking subchart ${name} in ${parent.name}`;
  if (posix.extname(name) === '.tgz') {
    const archive = files[0];
    if (archive.name !== name) throw new ChartLoadError(`${context}: expected ${name}, got ${archive.name}`);
    return wrapLoad(context, () => loadChartFiles(readChartArchive(archive.data), warn));
  }
  // Files directly under charts/ that are not archives are not charts.
  const inner = files.filter((f) => f.name.includes('/')).map((f) => ({ name: f.name.slice(f.name.indexOf('/') + 1), data: f.data }));
  return wrapLoad(context, () => loadChartFiles(inner, warn));
}

function wrapLoad<T>(context: string, load: () => T): T {
  try {
    return load();
  } catch (err) {
    throw new ChartLoadError(`${context}: ${(err as Error).message}`);
  }
}
