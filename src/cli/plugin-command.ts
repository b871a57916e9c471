// `hookline NAME ARGS...` for a cli/v1 plugin (or a Helm 3 plugin), as helm 4.1.4 runs one:
// Hookline's global flags are taken out first, the rest go to the plugin (none with
// ignoreFlags), with helm's environment (HELM_NAMESPACE, HELM_DATA_HOME, ...) and the terminal.
import { pluginsDir } from '../helmpath/paths.ts';
import { findPlugins, pluginDirs } from '../plugin/load.ts';
import { invokePlugin, PluginExitError } from '../plugin/subprocess.ts';
import { environment } from './env.ts';

/** Runs the cli/v1 plugin called `name`, if there is one; returns its exit status, or undefined when there is no such plugin. */
export function runCliPlugin(name: string, args: string[]): number | undefined {
  if (process.env.HELM_NO_PLUGINS === '1') return undefined;
  const plugin = findPlugins(pluginDirs(pluginsDir()), { type: 'cli/v1' }).find((p) => p.metadata.name === name);
  if (!plugin) return undefined;
  const extraArgs = plugin.metadata.config.ignoreFlags === true ? [] : args;
  try {
    invokePlugin(plugin, extraArgs, environment(), { stdout: 'inherit', stderr: 'inherit' });
  } catch (err) {
    if (!(err instanceof PluginExitError)) throw err;
    process.stderr.write(`Error: ${err.message}\n`);
    return err.exitCode;
  }
  return 0;
}
