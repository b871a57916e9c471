// Where helm keeps its files, from the same environment variables helm reads, so that a helm
// user's repositories, registry logins and caches serve Hookline unchanged and the other way.
import { homedir } from 'node:os';
import { join } from 'node:path';

type Env = NodeJS.ProcessEnv;

function base(env: Env, helmVar: string, xdgVar: string, fallback: string[]): string {
  if (env[helmVar]) return env[helmVar]!;
  if (env[xdgVar]) return join(env[xdgVar]!, 'helm');
  return join(homedir(), ...fallback, 'helm');
}

export const configHome = (env: Env = process.env) => base(env, 'HELM_CONFIG_HOME', 'XDG_CONFIG_HOME', ['.config']);
export const cacheHome = (env: Env = process.env) => base(env, 'HELM_CACHE_HOME', 'XDG_CACHE_HOME', ['.cache']);
export const dataHome = (env: Env = process.env) => base(env, 'HELM_DATA_HOME', 'XDG_DATA_HOME', ['.local', 'share']);

/** repositories.yaml: the repositories `repo add` records. */
export const repositoryConfig = (env: Env = process.env) => env.HELM_REPOSITORY_CONFIG || join(configHome(env), 'repositories.yaml');
/** The folder of downloaded repository indexes (NAME-index.yaml, NAME-charts.txt). */
export const repositoryCache = (env: Env = process.env) => env.HELM_REPOSITORY_CACHE || join(cacheHome(env), 'repository');
/** The registry credentials file `registry login` writes (Docker's config.json format). */
export const registryConfig = (env: Env = process.env) => env.HELM_REGISTRY_CONFIG || join(configHome(env), 'registry', 'config.json');
/** Chart starters for `create --starter NAME`. */
export const startersDir = (env: Env = process.env) => join(dataHome(env), 'starters');
/** Plugins folder. */
export const pluginsDir = (env: Env = process.env) => env.HELM_PLUGINS || join(dataHome(env), 'plugins');
/** Downloaded charts, kept by content digest (helm 4's content cache). */
export const contentCache = (env: Env = process.env) => env.HELM_CONTENT_CACHE || join(cacheHome(env), 'content');
