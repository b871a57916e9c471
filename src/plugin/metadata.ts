// plugin.yaml as helm 4.1.4 reads it (internal/plugin/metadata*.go): apiVersion v1 (type,
// runtime, config, runtimeConfig) or the Helm 3 schema without apiVersion, which becomes a
// cli/v1 plugin (getter/v1 with downloaders) run as a subprocess.
import { isMap, isScalar, LineCounter, parseDocument, type Node } from 'yaml';

export interface PlatformCommand {
  os: string;
  arch: string;
  command: string;
  args: string[];
}

export interface SubprocessConfig {
  platformCommand: PlatformCommand[];
  /** Event name (install, update, delete) -> commands. */
  platformHooks: Record<string, PlatformCommand[]>;
  /** Whether hook arguments get $VAR expanded: only a Helm 3 plugin's platformHooks (helm 4 leaves v1's and `hooks:` alone). */
  expandHookArgs: boolean;
}

export interface PluginMetadata {
  /** "v1", or "legacy" for the Helm 3 schema. */
  apiVersion: string;
  name: string;
  type: string;
  runtime: string;
  version: string;
  sourceURL: string;
  /** cli/v1: usage, shortHelp, longHelp, ignoreFlags; other types their own keys. */
  config: Record<string, unknown>;
  runtimeConfig: SubprocessConfig;
}

const validName = /^[A-Za-z0-9_-]+$/;
const strictSemver = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;
const pluginTypes = ['test/v1', 'cli/v1', 'getter/v1', 'postrenderer/v1'];
const configFields: Record<string, string[]> = {
  'test/v1': ['arbitrary'], 'cli/v1': ['usage', 'shortHelp', 'longHelp', 'ignoreFlags'],
  'getter/v1': ['protocols'], 'postrenderer/v1': [],
};
const v1Fields = ['apiVersion', 'name', 'type', 'runtime', 'version', 'sourceURL', 'config', 'runtimeConfig'];

type Yaml = Record<string, unknown>;
const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
const mapping = (v: unknown): Yaml => (v && typeof v === 'object' && !Array.isArray(v) ? v as Yaml : {});

function platformCommands(v: unknown): PlatformCommand[] {
  if (!Array.isArray(v)) return [];
  return v.map((c) => {
    const m = mapping(c);
    return { os: str(m.os), arch: str(m.arch), command: str(m.command), args: Array.isArray(m.args) ? m.args.map(str) : [] };
  });
}

function platformHooks(v: unknown): Record<string, PlatformCommand[]> {
  return Object.fromEntries(Object.entries(mapping(v)).map(([event, cmds]) => [event, platformCommands(cmds)]));
}

/** The line of each key of a mapping node (yaml.v3 names it in its errors). */
type KeyLines = Map<string, number>;

function keyLines(node: unknown, lines: LineCounter): KeyLines {
  const found: KeyLines = new Map();
  if (!isMap(node)) return found;
  for (const pair of node.items) {
    if (isScalar(pair.key) && pair.key.range) found.set(String(pair.key.value), lines.linePos(pair.key.range[0]).line);
  }
  return found;
}

/** yaml.v3's KnownFields error for the first key the struct does not have. */
function checkKnownFields(m: Yaml, known: string[], goType: string, lines: KeyLines): void {
  const unknown = Object.keys(m).find((k) => !known.includes(k));
  if (unknown !== undefined) throw new Error(`yaml: unmarshal errors:\n  line ${lines.get(unknown) ?? 1}: field ${unknown} not found in type ${goType}`);
}

function loadLegacy(m: Yaml): PluginMetadata {
  const name = str(m.name);
  const version = str(m.version);
  if (!validName.test(name)) throw new Error(`invalid plugin name "${name}": must contain only a-z, A-Z, 0-9, _ and -`);
  if (version !== '' && !strictSemver.test(version)) throw new Error(`invalid plugin version "${version}": must be valid semver`);
  const platform = platformCommands(m.platformCommand);
  const command = str(m.command);
  if (platform.length > 0 && command !== '') throw new Error('both platformCommand and command are set');
  const hooks = platformHooks(m.platformHooks);
  const shellHooks = mapping(m.hooks);
  if (Object.keys(hooks).length > 0 && Object.keys(shellHooks).length > 0) throw new Error('both platformHooks and hooks are set');
  const downloaders = Array.isArray(m.downloaders) ? m.downloaders.map(mapping) : [];
  downloaders.forEach((d, i) => {
    if (str(d.command) === '') throw new Error(`downloader ${i} has empty command`);
    const protocols = Array.isArray(d.protocols) ? d.protocols : [];
    if (protocols.length === 0) throw new Error(`downloader ${i} has no protocols`);
    protocols.forEach((p, j) => { if (str(p) === '') throw new Error(`downloader ${i} has empty protocol at index ${j}`); });
  });
  const type = downloaders.length > 0 ? 'getter/v1' : 'cli/v1';
  const useHooks = Object.keys(hooks).length === 0 && Object.keys(shellHooks).length > 0;
  return {
    apiVersion: 'legacy', name, type, runtime: 'subprocess', version, sourceURL: '',
    config: type === 'cli/v1'
      // Legacy usage is one line: white space becomes spaces, unprintable characters go.
      ? { usage: '', shortHelp: str(m.usage).replace(/\s/g, ' ').replace(/[\p{C}]/gu, ''), longHelp: str(m.description), ignoreFlags: m.ignoreFlags === true }
      : { protocols: downloaders.flatMap((d) => (d.protocols as unknown[]).map(str)) },
    runtimeConfig: {
      platformCommand: platform.length === 0 && command !== '' ? [{ os: '', arch: '', command, args: [] }] : platform,
      platformHooks: useHooks ? Object.fromEntries(Object.entries(shellHooks).map(([event, cmd]) => [event, [{ os: '', arch: '', command: 'sh', args: ['-c', str(cmd)] }]])) : hooks,
      expandHookArgs: !useHooks,
    },
  };
}

function loadV1(m: Yaml, topLines: KeyLines, configLines: KeyLines): PluginMetadata {
  checkKnownFields(m, v1Fields, 'plugin.MetadataV1', topLines);
  const name = str(m.name);
  const version = str(m.version);
  if (!validName.test(name)) throw new Error('invalid plugin `name`');
  if (version === '') throw new Error('plugin `version` is required');
  if (!strictSemver.test(version)) throw new Error(`invalid plugin \`version\` "${version}": must be valid semver`);
  const type = str(m.type);
  const runtime = str(m.runtime);
  if (type === '') throw new Error('`type` missing');
  if (runtime === '') throw new Error('`runtime` missing');
  if (!pluginTypes.includes(type)) throw new Error(`failed to convert MetadataV1 to Metadata: unknown plugin type "${type}"`);
  const config = mapping(m.config);
  const configType = `schema.Config${{ 'test/v1': 'TestV1', 'cli/v1': 'CLIV1', 'getter/v1': 'GetterV1', 'postrenderer/v1': 'PostRendererV1' }[type]}`;
  try {
    checkKnownFields(config, configFields[type], configType, configLines);
  } catch (err) {
    throw new Error(`failed to convert MetadataV1 to Metadata: ${(err as Error).message}`, { cause: err });
  }
  // extism/v1 (WebAssembly) plugins load and are listed; Hookline does not run them.
  if (runtime !== 'subprocess' && runtime !== 'extism/v1') throw new Error(`failed to convert MetadataV1 to Metadata: unsupported plugin runtime type: "${runtime}"`);
  const rc = mapping(m.runtimeConfig);
  return {
    apiVersion: 'v1', name, type, runtime, version, sourceURL: str(m.sourceURL), config,
    runtimeConfig: { platformCommand: platformCommands(rc.platformCommand), platformHooks: platformHooks(rc.platformHooks), expandHookArgs: false },
  };
}

/** The metadata of one plugin.yaml's text; throws helm's message when it is not a valid plugin. */
export function parsePluginMetadata(text: string): PluginMetadata {
  const lines = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: false, lineCounter: lines });
  if (doc.errors.length > 0) throw new Error(`failed to peek plugin.yaml API version: ${doc.errors[0].message.split('\n')[0]}`);
  const m = mapping(doc.toJS());
  const apiVersion = str(m.apiVersion);
  if (apiVersion === '') return loadLegacy(m);
  if (apiVersion === 'v1') {
    const config = isMap(doc.contents) ? doc.contents.get('config', true) as Node | undefined : undefined;
    return loadV1(m, keyLines(doc.contents, lines), keyLines(config, lines));
  }
  throw new Error(`invalid plugin apiVersion: "${apiVersion}"`);
}
