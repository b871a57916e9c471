// `plugin install` and `plugin uninstall` as helm 4.1.4 does them (internal/plugin/installer:
// local and http installers): a folder is linked into $HELM_DATA_HOME/plugins ("local dev",
// never verified); a .tgz/.tar.gz, on disk or at an http(s) URL, is verified against its .prov
// unless --verify=false, kept beside the plugins as NAME-VERSION.tgz (with its .prov) and the
// plugin folder in it copied in.
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { Parser as TarParser, UnpackSync } from 'tar';
import { KeyringError, verifyProvenance, type Verification } from '../chart/provenance.ts';
import { cacheHome, dataHome } from '../helmpath/paths.ts';
import { httpGet } from '../repo/http-get.ts';
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
function archiveMetadata(data: Buffer): PluginMetadata {
  let text: string | undefined;
  const parser = new TarParser({ onReadEntry: (entry) => {
    if (text === undefined && basename(entry.path) === 'plugin.yaml') {
      const chunks: Buffer[] = [];
      entry.on('data', (c: Buffer) => chunks.push(c));
      entry.on('end', () => { text ??= Buffer.concat(chunks).toString('utf8'); });
    } else {
      entry.resume();
    }
  } });
  parser.end(data);
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

/** An archive to install: where it comes from and how to read it and its .prov. */
interface ArchiveSource {
  /** The archive's file name, which its .prov lists. */
  fileName: string;
  data: () => Promise<Buffer>;
  /** The .prov beside it, if there is one. */
  prov: () => Promise<Buffer | undefined>;
  /** Copies the unpacked plugin from `unpacked` to `target` (local and remote archives find it differently). */
  copy: (unpacked: string, target: string) => void;
}

/** helm's cache.Key: the URL's scheme, user, host and path as one folder name. */
function urlCacheKey(href: string): string {
  const url = new URL(href);
  const user = url.username ? `${decodeURIComponent(url.username)}-` : '';
  return `${url.protocol.replace(/:$/, '')}-${user}${url.host}${url.pathname.replaceAll('/', '-')}`.replaceAll(':', '-');
}

function remoteArchive(href: string): ArchiveSource {
  let data: Promise<Buffer> | undefined;
  let prov: Promise<Buffer | undefined> | undefined;
  return {
    fileName: basename(new URL(href).pathname),
    data: () => (data ??= httpGet(href)),
    prov: () => (prov ??= httpGet(`${href}.prov`).catch(() => undefined)),
    // helm unpacks into its cache and takes the folder that holds plugin.yaml: the top or one below.
    copy: (unpacked, target) => {
      const cache = join(cacheHome(), 'plugins', urlCacheKey(href));
      cpSync(unpacked, cache, { recursive: true, verbatimSymlinks: true });
      const root = existsSync(join(cache, 'plugin.yaml')) ? cache
        : readdirSync(cache, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(cache, e.name)).find((d) => existsSync(join(d, 'plugin.yaml')));
      if (!root) throw new Error(`plugin.yaml not found in ${cache} or its immediate subdirectories`);
      cpSync(root, target, { recursive: true, verbatimSymlinks: true });
    },
  };
}

function localArchive(path: string): ArchiveSource {
  return {
    fileName: basename(path),
    data: async () => readFileSync(path),
    prov: async () => (existsSync(`${path}.prov`) ? readFileSync(`${path}.prov`) : undefined),
    // helm expects the archive's top folder to be the plugin's name from the file name.
    copy: (unpacked, target) => {
      const pluginDir = join(unpacked, archivePluginName(basename(path)));
      if (!existsSync(join(pluginDir, 'plugin.yaml'))) {
        throw new Error(`plugin.yaml not found in expected directory ${pluginDir}: stat ${join(pluginDir, 'plugin.yaml')}: no such file or directory`);
      }
      cpSync(pluginDir, target, { recursive: true, verbatimSymlinks: true });
    },
  };
}

const isUrl = (source: string) => /^https?:\/\//.test(source);

/** Installs a local folder, a local archive or an http(s) archive; returns the loaded plugin after its install hook ran. */
export async function installPlugin(source: string, options: InstallOptions): Promise<Plugin> {
  const remote = isUrl(source) && isArchive(new URL(source).pathname);
  if (!remote && !existsSync(source)) {
    if (/^(oci|https?):\/\//.test(source)) throw new Error(`installing plugins from ${source.split(':')[0]} references other than .tgz/.tar.gz archives is not supported by Hookline`);
    // helm then tries the source as a VCS repository, which Hookline does not support.
    throw new Error(`cannot get information about plugin source "${source}" (if it's a local directory, does it exist?), last error was: Cannot detect VCS`);
  }
  const src = remote ? source : resolve(source);
  const archive = remote ? remoteArchive(src) : isArchive(src) ? localArchive(src) : undefined;
  const target = join(installedPluginsDir(), archive ? archivePluginName(archive.fileName) : basename(src));
  if (!archive) options.log('Installing plugin from local directory (development mode)');
  else if (!options.verify) options.log('WARNING: Skipping plugin signature verification');
  else options.log('Verifying plugin signature...');
  mkdirSync(dirname(target), { recursive: true });
  if (existsSync(target) || isLink(target)) {
    process.stderr.write(`level=WARN msg="plugin already exists" path=${target} error=<nil>\n`);
    throw new Error('plugin already exists');
  }
  let verified: Verification | undefined;
  if (archive && options.verify) verified = await verifyArchive(archive, options.keyring);
  if (archive) await installArchive(archive, target);
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

async function verifyArchive(archive: ArchiveSource, keyring: string): Promise<Verification> {
  let data: Buffer;
  try {
    data = await archive.data();
  } catch (err) {
    throw new Error(`failed to get verification data: failed to download plugin: ${(err as Error).message}`, { cause: err });
  }
  const prov = await archive.prov();
  if (!prov) throw new Error('plugin verification failed: no provenance file (.prov) found');
  try {
    return await verifyProvenance(data, prov.toString('utf8'), archive.fileName, keyring);
  } catch (err) {
    throw new Error(`plugin verification failed: ${err instanceof KeyringError ? err.reason : (err as Error).message}`, { cause: err });
  }
}

function installDirectory(src: string, target: string): void {
  if (!statSync(src).isDirectory()) throw new Error("expected plugin to be a directory (containing a file 'plugin.yaml')");
  if (!existsSync(join(src, 'plugin.yaml'))) throw new Error('plugin metadata (plugin.yaml) missing');
  symlinkSync(src, target);
}

/** Keeps the archive (and its .prov) as NAME-VERSION.tgz beside the plugins, unpacks it and copies the plugin in. */
async function installArchive(archive: ArchiveSource, target: string): Promise<void> {
  const data = await archive.data();
  const metadata = archiveMetadata(data);
  const kept = join(installedPluginsDir(), `${metadata.name}-${metadata.version}.tgz`);
  writeFileSync(kept, data);
  const prov = await archive.prov();
  if (prov) writeFileSync(`${kept}.prov`, prov);
  const temp = mkdtempSync(join(tmpdir(), 'helm-plugin-extract-'));
  try {
    try {
      new UnpackSync({ cwd: temp, strict: true }).end(data);
    } catch (err) {
      throw new Error(`failed to extract archive: ${(err as Error).message}`, { cause: err });
    }
    archive.copy(temp, target);
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
