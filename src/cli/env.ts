// `env [NAME]`: the environment helm env prints (same names, sorted, NAME="value"), with the
// values Hookline itself uses: helm's folders and files from helmpath, its namespace and binary.
import type { Command } from 'commander';
import * as helmpath from '../helmpath/paths.ts';
import { settingsNamespace } from './settings-namespace.ts';

function envBool(name: string): string {
  return ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(process.env[name] ?? '') ? 'true' : 'false';
}

function envInt(name: string, fallback: number): string {
  const v = Number.parseInt(process.env[name] ?? '', 10);
  return String(Number.isNaN(v) ? fallback : v);
}

export function environment(): Record<string, string> {
  const env = process.env;
  const vars: Record<string, string> = {
    HELM_BIN: process.argv[1] ?? 'hookline',
    HELM_BURST_LIMIT: envInt('HELM_BURST_LIMIT', 100),
    HELM_CACHE_HOME: helmpath.cacheHome(),
    HELM_CONFIG_HOME: helmpath.configHome(),
    HELM_CONTENT_CACHE: helmpath.contentCache(),
    HELM_DATA_HOME: helmpath.dataHome(),
    HELM_DEBUG: envBool('HELM_DEBUG'),
    HELM_KUBEAPISERVER: env.HELM_KUBEAPISERVER ?? '',
    HELM_KUBEASGROUPS: env.HELM_KUBEASGROUPS ?? '',
    HELM_KUBEASUSER: env.HELM_KUBEASUSER ?? '',
    HELM_KUBECAFILE: env.HELM_KUBECAFILE ?? '',
    HELM_KUBECONTEXT: env.HELM_KUBECONTEXT ?? '',
    HELM_KUBEINSECURE_SKIP_TLS_VERIFY: envBool('HELM_KUBEINSECURE_SKIP_TLS_VERIFY'),
    HELM_KUBETLS_SERVER_NAME: env.HELM_KUBETLS_SERVER_NAME ?? '',
    HELM_KUBETOKEN: env.HELM_KUBETOKEN ?? '',
    HELM_MAX_HISTORY: envInt('HELM_MAX_HISTORY', 10),
    HELM_NAMESPACE: settingsNamespace(),
    HELM_PLUGINS: helmpath.pluginsDir(),
    HELM_QPS: (Number.parseFloat(env.HELM_QPS ?? '') || 0).toFixed(2),
    HELM_REGISTRY_CONFIG: helmpath.registryConfig(),
    HELM_REPOSITORY_CACHE: helmpath.repositoryCache(),
    HELM_REPOSITORY_CONFIG: helmpath.repositoryConfig(),
  };
  return vars;
}

export function register(program: Command): void {
  program.command('env [name]').description('client environment information (helm env)').action((name: string | undefined) => {
    const vars = environment();
    if (name !== undefined) {
      process.stdout.write(`${vars[name] ?? ''}\n`);
      return;
    }
    for (const key of Object.keys(vars).sort()) process.stdout.write(`${key}="${vars[key]}"\n`);
  });
}
