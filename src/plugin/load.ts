// Finding plugins as helm 4.1.4 does (internal/plugin/loader.go): every <dir>/*/plugin.yaml
// of each folder in HELM_PLUGINS (a path list), in name order; a plugin that does not load is
// skipped with helm's warning; two plugins of one name are an error.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePluginMetadata, type PluginMetadata } from './metadata.ts';

export interface Plugin {
  /** The plugin's folder as found (a symlink is not resolved): HELM_PLUGIN_DIR. */
  dir: string;
  metadata: PluginMetadata;
}

/** What to look for: a name, a type ("postrenderer/v1", "cli/v1", ...), or both. */
export interface PluginDescriptor {
  name?: string;
  type?: string;
}

const warned = new Set<string>();

/** slog's text line, as helm's default logger writes it; once per process (helm repeats it at each search). */
function warn(message: string, attrs: Record<string, string>): void {
  const quote = (v: string) => (/^[^\s"=]+$/.test(v) ? v : JSON.stringify(v));
  const line = `level=WARN msg=${quote(message)}${Object.entries(attrs).map(([k, v]) => ` ${k}=${quote(v)}`).join('')}\n`;
  if (warned.has(line)) return;
  warned.add(line);
  process.stderr.write(line);
}

export function loadPluginDir(dir: string): Plugin {
  const file = join(dir, 'plugin.yaml');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`failed to read plugin at "${file}": ${(err as Error).message}`, { cause: err });
  }
  let metadata: PluginMetadata;
  try {
    metadata = parsePluginMetadata(text);
  } catch (err) {
    throw new Error(`failed to load plugin "${dir}": ${(err as Error).message}`, { cause: err });
  }
  const wasm = join(dir, 'plugin.wasm');
  if (metadata.runtime === 'extism/v1' && !existsSync(wasm)) throw new Error(`wasm binary missing for extism/v1 plugin: "${wasm}"`);
  return { dir, metadata };
}

/** The plugins directly below one folder; ones that fail to load are skipped with a warning. */
export function loadAllPlugins(baseDir: string): Plugin[] {
  let names: string[];
  try {
    names = readdirSync(baseDir).sort();
  } catch {
    return [];
  }
  const plugins: Plugin[] = [];
  for (const name of names) {
    const dir = join(baseDir, name);
    if (!existsSync(join(dir, 'plugin.yaml'))) continue;
    try {
      plugins.push(loadPluginDir(dir));
    } catch (err) {
      warn('failed to load plugin (ignoring)', { plugin_yaml: join(dir, 'plugin.yaml'), error: (err as Error).message });
    }
  }
  const seen = new Map<string, string>();
  for (const p of plugins) {
    const earlier = seen.get(p.metadata.name);
    if (earlier !== undefined) throw new Error(`two plugins claim the name "${p.metadata.name}" at "${earlier}" and "${p.dir}"`);
    seen.set(p.metadata.name, p.dir);
  }
  return plugins;
}

/** HELM_PLUGINS split as Go's filepath.SplitList does (":" on Unix; empty gives none). */
export function pluginDirs(list: string): string[] {
  return list === '' ? [] : list.split(':');
}

export function findPlugins(dirs: string[], descriptor: PluginDescriptor): Plugin[] {
  return dirs.flatMap(loadAllPlugins).filter((p) =>
    (!descriptor.name || p.metadata.name === descriptor.name) && (!descriptor.type || p.metadata.type === descriptor.type));
}

/** The first match, or helm's "plugin: {Name:x Type:y} not found". */
export function findPlugin(dirs: string[], descriptor: PluginDescriptor): Plugin {
  const found = findPlugins(dirs, descriptor);
  if (found.length === 0) throw new Error(`plugin: {Name:${descriptor.name ?? ''} Type:${descriptor.type ?? ''}} not found`);
  return found[0];
}
