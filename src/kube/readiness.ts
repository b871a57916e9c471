// When a resource counts as ready for `--wait`, in the spirit of kstatus (which Helm 4 uses):
// workloads when their controller has observed the latest spec and every replica is updated and
// available; Pods when Ready; Jobs (with --wait-for-jobs) when Complete; PVCs when Bound.
import type { KubeObject } from './objects.ts';

export interface Readiness {
  ready: boolean;
  failed?: boolean;
  message: string;
}

type Status = Record<string, unknown> & { conditions?: Array<{ type?: string; status?: string; reason?: string; message?: string }> };

function num(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

function observedLatest(obj: KubeObject, status: Status): boolean {
  const generation = (obj.metadata as { generation?: number }).generation;
  return generation === undefined || num(status.observedGeneration) >= generation;
}

export function readiness(obj: KubeObject, waitForJobs: boolean): Readiness {
  const status = (obj.status ?? {}) as Status;
  const spec = (obj.spec ?? {}) as Record<string, unknown>;
  const condition = (type: string) => status.conditions?.find((c) => c.type === type);
  switch (obj.kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet': {
      const want = spec.replicas === undefined ? 1 : num(spec.replicas);
      if (!observedLatest(obj, status)) return { ready: false, message: `${obj.kind} generation not yet observed` };
      const updated = obj.kind === 'ReplicaSet' ? num(status.replicas) : num(status.updatedReplicas);
      const available = obj.kind === 'StatefulSet' ? num(status.readyReplicas) : num(status.availableReplicas);
      const progressing = condition('Progressing');
      if (progressing?.reason === 'ProgressDeadlineExceeded') return { ready: false, failed: true, message: progressing.message ?? 'progress deadline exceeded' };
      if (updated < want) return { ready: false, message: `Updated: ${updated}/${want}` };
      // Old pods still counted: the rollout has not finished.
      if (obj.kind !== 'ReplicaSet' && num(status.replicas) > want) return { ready: false, message: `Pending termination: ${num(status.replicas) - want}` };
      if (available < want) return { ready: false, message: `Available: ${available}/${want}` };
      return { ready: true, message: `${obj.kind} is available. Replicas: ${available}` };
    }
    case 'DaemonSet': {
      const desired = num(status.desiredNumberScheduled);
      if (!observedLatest(obj, status)) return { ready: false, message: 'DaemonSet generation not yet observed' };
      if (num(status.updatedNumberScheduled) < desired || num(status.numberAvailable) < desired) {
        return { ready: false, message: `Available: ${num(status.numberAvailable)}/${desired}` };
      }
      return { ready: true, message: 'All replicas scheduled as expected' };
    }
    case 'Pod': {
      if (status.phase === 'Succeeded') return { ready: true, message: 'Pod has completed successfully' };
      if (status.phase === 'Failed') return { ready: false, failed: true, message: 'Pod has completed, but not successfully' };
      return condition('Ready')?.status === 'True' ? { ready: true, message: 'Pod is Ready' } : { ready: false, message: 'Pod is not Ready' };
    }
    case 'Job': {
      if (!waitForJobs) return { ready: true, message: 'Job is not waited for' };
      if (condition('Complete')?.status === 'True') return { ready: true, message: 'Job Completed' };
      if (condition('Failed')?.status === 'True') return { ready: false, failed: true, message: condition('Failed')?.message ?? 'Job Failed' };
      return { ready: false, message: 'Job in progress' };
    }
    case 'PersistentVolumeClaim':
      return status.phase === 'Bound' ? { ready: true, message: 'PVC is Bound' } : { ready: false, message: `PVC is ${String(status.phase ?? 'Pending')}` };
    case 'Service': {
      if (spec.type !== 'LoadBalancer') return { ready: true, message: 'Service is ready' };
      const ingress = (status.loadBalancer as { ingress?: unknown[] } | undefined)?.ingress ?? [];
      return ingress.length > 0 ? { ready: true, message: 'Service is ready' } : { ready: false, message: 'Service has no load balancer address' };
    }
    default:
      return { ready: true, message: 'Resource is current' };
  }
}
