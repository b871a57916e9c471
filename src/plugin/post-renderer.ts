// `--post-renderer NAME`: a postrenderer/v1 plugin (helm 4.1.4 pkg/postrenderer). The rendered
// stream goes to its stdin, its stdout is the new stream; its stderr is not shown (helm
// collects and drops it).
import { pluginsDir } from '../helmpath/paths.ts';
import { findPlugin, pluginDirs } from './load.ts';
import { invokePlugin } from './subprocess.ts';

/** Finds the plugin now (helm does it while reading the flags) and returns the function that runs it. */
export function postRendererPlugin(name: string, args: string[]): (manifests: string) => string {
  const plugin = findPlugin(pluginDirs(pluginsDir()), { name, type: 'postrenderer/v1' });
  return (manifests) => {
    let stdout: string;
    try {
      stdout = invokePlugin(plugin, args, {}, { input: manifests, stdout: 'pipe', stderr: 'pipe' }).stdout;
    } catch (err) {
      throw new Error(`failed to invoke post-renderer plugin "${name}": ${(err as Error).message}`, { cause: err });
    }
    if (stdout.trim() === '') throw new Error(`post-renderer "${name}" produced empty output`);
    return stdout;
  };
}
