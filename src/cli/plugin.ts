// `plugin install|list|uninstall`: helm 4.1.4's plugin commands for plugins on disk. Plugins
// live where helm keeps them ($HELM_DATA_HOME/plugins, found through HELM_PLUGINS), so one
// installed by either tool serves both.
import type { Command } from 'commander';
import { defaultKeyring } from '../chartref/locate.ts';
import { pluginsDir } from '../helmpath/paths.ts';
import { installPlugin, uninstallPlugin } from '../plugin/install.ts';
import { findPlugins, loadAllPlugins, pluginDirs } from '../plugin/load.ts';
import { provenanceStatus } from '../plugin/signing.ts';
import { parseGoBool } from './global-flags.ts';
import { formatTable } from './table.ts';

function goBool(flag: string): (value: string) => boolean {
  return (value) => {
    const b = parseGoBool(value);
    if (b === undefined) throw new Error(`invalid argument "${value}" for "${flag}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`);
    return b;
  };
}

export function register(program: Command): void {
  const plugin = program.command('plugin').description('install, list, or uninstall Helm plugins');

  plugin.command('install').alias('add')
    .description('install a Helm plugin from a local directory or a .tgz/.tar.gz archive (a file or an http(s) URL)')
    .argument('[source...]', '<path>')
    .option('--verify [bool]', 'verify the plugin signature before installing', goBool('--verify'), true)
    .option('--keyring <path>', 'location of public keys used for verification', defaultKeyring())
    .option('--version <constraint>', 'specify a version constraint (VCS sources only, which Hookline does not install)')
    .action(async (sources: string[], flags: { verify: boolean; keyring: string }) => {
      if (sources.length !== 1) {
        throw new Error(`"hookline plugin install" requires 1 argument\n\nUsage:  hookline plugin install [options] <path|url> [flags]`);
      }
      const installed = await installPlugin(sources[0], { verify: flags.verify, keyring: flags.keyring, log: (line) => process.stdout.write(`${line}\n`) });
      process.stdout.write(`Installed plugin: ${installed.metadata.name}\n`);
    });

  plugin.command('list').alias('ls')
    .description('list installed Helm plugins')
    .option('--type <type>', 'Plugin type')
    .action((flags: { type?: string }) => {
      const found = findPlugins(pluginDirs(pluginsDir()), { type: flags.type });
      const rows = found.map(({ metadata: m }) => [m.name, m.version, m.type, m.apiVersion, provenanceStatus(m), m.sourceURL || 'unknown']);
      process.stdout.write(formatTable([['NAME', 'VERSION', 'TYPE', 'APIVERSION', 'PROVENANCE', 'SOURCE'], ...rows]));
    });

  plugin.command('uninstall').aliases(['rm', 'remove'])
    .description('uninstall one or more Helm plugins')
    .argument('[plugin...]')
    .action((names: string[]) => {
      if (names.length === 0) throw new Error('please provide plugin name to uninstall');
      // helm reads HELM_PLUGINS here as one folder, not a list.
      const dir = pluginsDir();
      const installed = loadAllPlugins(dir);
      const errors: string[] = [];
      for (const name of names) {
        const found = installed.find((p) => p.metadata.name === name);
        if (!found) {
          errors.push(`plugin: ${name} not found`);
          continue;
        }
        try {
          uninstallPlugin(found, dir);
          process.stdout.write(`Uninstalled plugin: ${name}\n`);
        } catch (err) {
          errors.push(`failed to uninstall plugin ${name}, got error (${(err as Error).message})`);
        }
      }
      if (errors.length > 0) throw new Error(errors.join('\n'));
    });
}
