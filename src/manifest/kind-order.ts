// Helm's fixed kind orders for installing and uninstalling resources, and the stable sort
// that applies them (unknown kinds go last, alphabetically by kind, input order kept within a kind).

export const installOrder: readonly string[] = [
  'PriorityClass', 'Namespace', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'PodSecurityPolicy',
  'PodDisruptionBudget', 'ServiceAccount', 'Secret', 'SecretList', 'ConfigMap', 'StorageClass',
  'PersistentVolume', 'PersistentVolumeClaim', 'CustomResourceDefinition', 'ClusterRole',
  'ClusterRoleList', 'ClusterRoleBinding', 'ClusterRoleBindingList', 'Role', 'RoleList', 'RoleBinding',
  'RoleBindingList', 'Service', 'DaemonSet', 'Pod', 'ReplicationController', 'ReplicaSet', 'Deployment',
  'HorizontalPodAutoscaler', 'StatefulSet', 'Job', 'CronJob', 'IngressClass', 'Ingress', 'APIService',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration',
];

// Not simply installOrder reversed: validating webhooks go before mutating ones so that
// no webhook blocks the removal of the other.
export const uninstallOrder: readonly string[] = [
  'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'APIService', 'Ingress',
  'IngressClass', 'Service', 'CronJob', 'Job', 'StatefulSet', 'HorizontalPodAutoscaler', 'Deployment',
  'ReplicaSet', 'ReplicationController', 'Pod', 'DaemonSet', 'RoleBindingList', 'RoleBinding', 'RoleList',
  'Role', 'ClusterRoleBindingList', 'ClusterRoleBinding', 'ClusterRoleList', 'ClusterRole',
  'CustomResourceDefinition', 'PersistentVolumeClaim', 'PersistentVolume', 'StorageClass', 'ConfigMap',
  'SecretList', 'Secret', 'ServiceAccount', 'PodDisruptionBudget', 'PodSecurityPolicy', 'LimitRange',
  'ResourceQuota', 'NetworkPolicy', 'Namespace', 'PriorityClass',
];

const rankCache = new WeakMap<readonly string[], Map<string, number>>();

function rankOf(order: readonly string[]): Map<string, number> {
  let ranks = rankCache.get(order);
  if (!ranks) {
    ranks = new Map(order.map((kind, i) => [kind, i]));
    rankCache.set(order, ranks);
  }
  return ranks;
}

/** Compares two kinds by an order: known kinds by rank, unknown kinds after them, alphabetically. */
export function compareKinds(a: string, b: string, order: readonly string[]): number {
  const ranks = rankOf(order);
  const ra = ranks.get(a);
  const rb = ranks.get(b);
  if (ra === undefined && rb === undefined) return a < b ? -1 : a > b ? 1 : 0;
  if (ra === undefined) return 1;
  if (rb === undefined) return -1;
  return ra - rb;
}

/** Stable sort by kind (Array.prototype.sort is stable). */
export function sortByKind<T>(items: readonly T[], kindOf: (item: T) => string, order: readonly string[]): T[] {
  return [...items].sort((x, y) => compareKinds(kindOf(x), kindOf(y), order));
}
