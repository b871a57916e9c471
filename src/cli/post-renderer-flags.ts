// --post-renderer NAME and --post-renderer-args ARG (install, upgrade, template), as helm 4.1.4
// reads them: NAME is a postrenderer/v1 plugin, looked up while the flags are read, so a
// missing plugin fails before anything else; arguments accumulate in order.
import type { Command } from 'commander';
import { pluginsDir } from '../helmpath/paths.ts';
import { findPlugin, pluginDirs } from '../plugin/load.ts';
import { postRendererPlugin } from '../plugin/post-renderer.ts';
import type { PostRenderer } from '../render/post-render.ts';

export interface PostRendererFlagValues {
  postRenderer?: string;
  postRendererArgs?: string[];
}

function checkPlugin(name: string, flag: string, value: string): void {
  try {
    findPlugin(pluginDirs(pluginsDir()), { name, type: 'postrenderer/v1' });
  } catch (err) {
    throw new Error(`invalid argument "${value}" for "${flag}" flag: ${(err as Error).message}`, { cause: err });
  }
}

export function addPostRendererFlags(cmd: Command): Command {
  let pluginName: string | undefined;
  return cmd
    .option('--post-renderer <name>', 'the name of a postrenderer type plugin to be used for post rendering. If it exists, the plugin will be used', (value: string, previous?: string) => {
      if (value === '') return previous;
      if (pluginName !== undefined) throw new Error(`invalid argument "${value}" for "--post-renderer" flag: cannot specify --post-renderer flag more than once`);
      pluginName = value;
      checkPlugin(value, '--post-renderer', value);
      return value;
    })
    .option('--post-renderer-args <arg>', 'an argument to the post-renderer (can specify multiple)', (value: string, previous: string[] = []) => {
      if (pluginName !== undefined) checkPlugin(pluginName, '--post-renderer-args', value);
      return [...previous, value];
    });
}

/** The post-renderer the flags ask for, if any. */
export function postRendererFromFlags(flags: PostRendererFlagValues): PostRenderer | undefined {
  return flags.postRenderer ? postRendererPlugin(flags.postRenderer, flags.postRendererArgs ?? []) : undefined;
}
