// The namespace of helm's settings.Namespace(), for commands that read it without connecting
// (template, lint, env): light to load, no client or storage.
import { contextNamespace } from '../kube/config.ts';
import type { ClusterFlags } from './cluster-options.ts';

/** -n (HELM_NAMESPACE), else the kubeconfig context's, else "default". */
export function settingsNamespace(flags: ClusterFlags = {}): string {
  return flags.namespace || process.env.HELM_NAMESPACE
    || contextNamespace({ kubeconfig: flags.kubeconfig, context: flags.kubeContext ?? (process.env.HELM_KUBECONTEXT || undefined) }) || 'default';
}

