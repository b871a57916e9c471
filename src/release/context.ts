// What every lifecycle action works with: the cluster, the release history, where events go.
import type { KubeClient } from '../kube/client.ts';
import type { ObjectStore } from '../kube/objects.ts';
import type { ReleaseStorage } from '../storage/storage.ts';
import type { LifecycleEvent } from './events.ts';

export interface ActionContext {
  client: KubeClient;
  objects: ObjectStore;
  storage: ReleaseStorage;
  /** The release's namespace. */
  namespace: string;
  emit: (event: LifecycleEvent) => void;
  /** Field manager for server-side apply. */
  fieldManager: string;
  /** Aborted when the user interrupts: waits stop and the action records the failure. */
  signal?: AbortSignal;
}

/** A deadline for one wait that also ends when the action is interrupted. */
export function waitSignal(ctx: ActionContext, timeoutMs: number): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  return ctx.signal ? AbortSignal.any([timeout, ctx.signal]) : timeout;
}

/**
 * Server-side apply field manager. Hookline applies as "helm" by default: objects are owned per
 * manager, and a release that Helm and Hookline take turns upgrading would otherwise fail with
 * "Apply failed with 1 conflict: conflict with \"helm\"" (measured against helm 4.1.4).
 * HOOKLINE_FIELD_MANAGER names another manager for clusters where only Hookline deploys (read
 * per call: the executable's start-up snapshot evaluates modules on the build machine).
 */
export const hooklineFieldManager = (): string => process.env.HOOKLINE_FIELD_MANAGER || 'helm';
