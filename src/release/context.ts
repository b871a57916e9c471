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
}

export const hooklineFieldManager = 'hookline';
