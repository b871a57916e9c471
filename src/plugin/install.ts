// `plugin install` and `plugin uninstall` as helm 4.1.4 does them for local sources
// (internal/plugin/installer/local_installer.go): a folder is linked into
// $HELM_DATA_HOME/plugins ("local dev", never verified); a .tgz/.tar.gz is verified against
// its .prov unless --verify=false, kept beside the plugins as NAME-VERSION.tgz (with its
// .prov) and its top folder copied in.
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { x as extractTar, t as listTar } from 'tar';
import { verifyProvenance, type Verification } from '../chart/provenance.ts';
import { dataHome } from '../helmpath/paths.ts';
import { loadPluginDir, type Plugin } from './load.ts';
import { parsePluginMetadata, type PluginMetadata } from './metadata.ts';
import { runPluginHook } from './hooks.ts';

const archiveSuffixes = ['.tar.gz', '.tgz'];
const isArchive = (path: string) => archiveSuffixes.some((s) => path.endsWith(s));

/** Where `plugin install` puts plugins: $HELM_DATA_HOME/plugins, whatever HELM_PLUGINS says. */
export const installedPluginsDir = () => join(dataHome(), 'plugins');

/** helm's stripPluginName: the archive's name without its suffix and "-VERSION". */
function archivePluginName(file: string): string {
  const suffix = archiveSuffixes.find((s) => file.endsWith(s));
  const stripped = suffix ? file.slice(0, -suffix.length) : '';
  return stripped.replace(/^(.*)-[0-9]+\..*$/s, '$1');
}

/** The metadata of the first plugin.yaml in a gzipped tar. */
function archiveMetadata(file: string): PluginMetadata {
  let text: string | undefined;
  listTar({ file, sync: true, onReadEntry: (entry) => {
    if (text === undefined && basename(entry.path) === 'plugin.yaml') {
      const chunks: Buffer[] = [];
      entry.on('data', (c: Buffer) => chunks.push(c));
      entry.on('end', () => { text ??= Buffer.concat(chunks).toString('utf8'); });
    } else {
      entry.resume();
    }
  } });
  if (text === undefined) throw new Error('failed to extract plugin metadata from tarball: plugin.yaml not found in tarball');
  try {
    return parsePluginMetadata(text);
  } catch (err) {
    throw new Error(`failed to extract plugin metadata from tarball: ${(err as Error).message}`, { cause: err });
  }
}

export interface InstallOptions {
  verify: boolean;
  keyring: string;
  /** helm's progress lines ("Installing plugin from local directory (development mode)", ...). */
  log: (line: string) => void;
}

/** Installs a local folder or archive; returns the loaded plugin after its install hook ran. */
export async function installPlugin(source: string, options: InstallOptions): Promise<Plugin> {
  if (!existsSync(source)) {
    // helm then tries the source as a VCS repository, which Hookline does not support.
    throw new Error(`cannot get information about plugin source "${source}" (if it's a local directory, does it exist?), last error was: Cannot detect VCS`);
  }
  const src = resolve(source);
  const archive = isArchive(src);
  const target = join(installedPluginsDir(), archive ? archivePluginName(basename(src)) : basename(src));
  if (!archive) options.log('Installing plugin from local directory (development mode)');
  else if (!options.verify) options.log('WARNING: Skipping plugin signature verification');
  else options.log('Verifying plugin signature...');
  mkdirSync(dirname(target), { recursive: true });
  if (existsSync(target) || isLink(target)) {
    process.stderr.write(`level=WARN msg="plugin already exists" path=${target} error=<nil>\n`);
    throw new Error('plugin already exists');
  }
  let verified: Verification | undefined;
  if (archive && options.verify) verified = await verifyArchive(src, options.keyring);
  if (archive) installArchive(src, target);
  else installDirectory(src, target);
  if (verified) {
    for (const id of verified.identities) options.log(`Signed by: ${id}`);
    options.log(`Using Key With Fingerprint: ${verified.fingerprint}`);
    options.log(`Plugin Hash Verified: ${verified.fileHash}`);
  }
  let plugin: Plugin;
  try {
    plugin = loadPluginDir(target);
  } catch (err) {
    throw new Error(`plugin is installed but unusable: ${(err as Error).message}`, { cause: err });
  }
  runPluginHook(plugin, 'install');
  return plugin;
}

const isLink = (path: string) => {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
};

async function verifyArchive(src: string, keyring: string): Promise<Verification> {
  let prov: string;
  try {
    prov = readFileSync(`${src}.prov`, 'utf8');
  } catch {
    throw new Error('plugin verification failed: no provenance file (.prov) found');
  }
  try {
    return await verifyProvenance(readFileSync(src), prov, basename(src), keyring);
  } catch (err) {
    throw new Error(`plugin verification failed: ${(err as Error).message}`, { cause: err });
  }
}

function installDirectory(src: string, target: string): void {
  if (!statSync(src).isDirectory()) throw new Error("expected plugin to be a directory (containing a file 'plugin.yaml')");
  if (!existsSync(join(src, 'plugin.yaml'))) throw new Error('plugin metadata (plugin.yaml) missing');
  symlinkSync(src, target);
}

function installArchive(src: string, target: string): void {
  const metadata = archiveMetadata(src);
  const kept = join(installedPluginsDir(), `${metadata.name}-${metadata.version}.tgz`);
  writeFileSync(kept, readFileSync(src));
  if (existsSync(`${src}.prov`)) writeFileSync(`${kept}.prov`, readFileSync(`${src}.prov`));
  const temp = mkdtempSync(join(tmpdir(), 'helm-plugin-extract-'));
  try {
    try {
      extractTar({ file: src, cwd: temp, sync: true, strict: true });
    } catch (err) {
      throw new Error(`failed to extract archive: ${(err as Error).message}`, { cause: err });
    }
    const pluginDir = join(temp, archivePluginName(basename(src)));
    if (!existsSync(join(pluginDir, 'plugin.yaml'))) {
      throw new Error(`plugin.yaml not found in expected directory ${pluginDir}: stat ${join(pluginDir, 'plugin.yaml')}: no such file or directory`);
    }
    cpSync(pluginDir, target, { recursive: true, verbatimSymlinks: true });
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/**
 * `plugin uninstall`: the plugin's folder (a link is removed, not what it points to), the
 * NAME-VERSION.tgz and .prov kept at install, then its delete hook.
 */
export function uninstallPlugin(plugin: Plugin, pluginsDirectory: string): void {
  rmSync(plugin.dir, { recursive: true, force: true });
  const { name, version } = plugin.metadata;
  if (version !== '') {
    for (const file of [`${name}-${version}.tgz`, `${name}-${version}.tgz.prov`]) rmSync(join(pluginsDirectory, file), { force: true });
  }
  runPluginHook(plugin, 'delete');
}
