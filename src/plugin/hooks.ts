// A plugin's install/update/delete hooks (platformHooks, or the legacy `hooks:` run by sh -c),
// with the terminal passed through, as helm's InvokeHook does.
import type { Plugin } from './load.ts';
import { pluginEnv, PluginExitError, prepareCommand, runPluginCommand } from './subprocess.ts';

export function runPluginHook(plugin: Plugin, event: 'install' | 'update' | 'delete'): void {
  const cmds = plugin.metadata.runtimeConfig.platformHooks[event] ?? [];
  if (cmds.length === 0) return;
  const env = pluginEnv(plugin);
  const prepared = prepareCommand(plugin, cmds, plugin.metadata.runtimeConfig.expandHookArgs, [], env);
  try {
    runPluginCommand(plugin, prepared, env, { stdout: 'inherit', stderr: 'inherit' });
  } catch (err) {
    if (err instanceof PluginExitError) throw new Error(`plugin ${event} hook for "${plugin.metadata.name}" exited with error`, { cause: err });
    throw err;
  }
}
