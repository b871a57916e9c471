// Derives a pod's status (phase, conditions, container statuses) from the agent's view of its containers,
// following the kubelet's rules; a terminal pod is never moved back by the caller.
import type { ApiObject } from './api.ts';
import { POD_IP } from './env.ts';
import { kubeTime } from './time.ts';

/** The three mutually exclusive container states; null fields clear old ones in a strategic merge patch. */
export type ContainerState =
  | { waiting: { reason: string; message?: string }; running: null; terminated: null }
  | { waiting: null; running: { startedAt: string }; terminated: null }
  | { waiting: null; running: null; terminated: Terminated };

export type Terminated = {
  exitCode: number; reason: string; message?: string; signal?: number; startedAt?: string; finishedAt: string; containerID?: string;
};

export type ContainerView = {
  name: string;
  spec: ApiObject;
  init: boolean;
  state: ContainerState;
  lastState: ContainerState | Record<string, never>;
  restartCount: number;
  ready: boolean;
  /** True while the container will be started (again) by the agent: not yet run, or restarting. */
  pending: boolean;
  containerID?: string;
};

export const waiting = (reason: string, message?: string): ContainerState => ({ waiting: { reason, ...(message ? { message } : {}) }, running: null, terminated: null });
export const running = (startedAt: string): ContainerState => ({ waiting: null, running: { startedAt }, terminated: null });
export const terminated = (t: Terminated): ContainerState => ({ waiting: null, running: null, terminated: t });

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

const succeeded = (c: ContainerView) => c.state.terminated?.exitCode === 0;

export function podPhase(init: ContainerView[], main: ContainerView[], restartPolicy: string): PodPhase {
  const failedInit = init.find((c) => c.state.terminated && !succeeded(c) && !c.pending);
  if (failedInit && restartPolicy === 'Never') return 'Failed';
  if (init.some((c) => !succeeded(c))) return 'Pending';
  if (main.every((c) => c.state.terminated && !c.pending)) return main.every(succeeded) ? 'Succeeded' : 'Failed';
  const everStarted = main.some((c) => c.state.running || c.state.terminated || c.restartCount > 0);
  return everStarted ? 'Running' : 'Pending';
}

export function containerStatus(c: ContainerView): ApiObject {
  return {
    name: c.name, state: c.state, lastState: c.lastState, ready: c.ready, restartCount: c.restartCount,
    image: c.spec.image ?? '', imageID: '', started: Boolean(c.state.running),
    ...(c.containerID ? { containerID: c.containerID } : {}),
  };
}

type Condition = { type: string; status: 'True' | 'False'; reason?: string; message?: string };

export function podConditions(init: ContainerView[], main: ContainerView[], phase: PodPhase): Condition[] {
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const unready = main.filter((c) => !c.ready).map((c) => c.name);
  const uninitialized = init.filter((c) => !succeeded(c)).map((c) => c.name);
  const readiness = (type: string): Condition =>
    unready.length === 0 ? { type, status: 'True' }
      : terminal ? { type, status: 'False', reason: 'PodCompleted' }
        : { type, status: 'False', reason: 'ContainersNotReady', message: `containers with unready status: [${unready.join(' ')}]` };
  return [
    { type: 'PodReadyToStartContainers', status: terminal ? 'False' : 'True' },
    uninitialized.length === 0 ? { type: 'Initialized', status: 'True' }
      : { type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: `containers with incomplete status: [${uninitialized.join(' ')}]` },
    readiness('Ready'),
    readiness('ContainersReady'),
    { type: 'PodScheduled', status: 'True' },
  ];
}

/** Keeps each condition's lastTransitionTime stable until its status changes. */
export class ConditionClock {
  private readonly since = new Map<string, { status: string; at: string }>();

  stamp(conditions: Condition[]): ApiObject[] {
    return conditions.map((condition) => {
      const previous = this.since.get(condition.type);
      const at = previous && previous.status === condition.status ? previous.at : kubeTime();
      this.since.set(condition.type, { status: condition.status, at });
      return { ...condition, lastProbeTime: null, lastTransitionTime: at };
    });
  }
}

export function podStatus(args: {
  init: ContainerView[]; main: ContainerView[]; phase: PodPhase; startTime: string; clock: ConditionClock;
  reason?: string; message?: string;
}): ApiObject {
  return {
    phase: args.phase,
    reason: args.reason ?? null,
    message: args.message ?? null,
    conditions: args.clock.stamp(podConditions(args.init, args.main, args.phase)),
    hostIP: POD_IP, hostIPs: [{ ip: POD_IP }], podIP: POD_IP, podIPs: [{ ip: POD_IP }],
    startTime: args.startTime,
    initContainerStatuses: args.init.map(containerStatus),
    containerStatuses: args.main.map(containerStatus),
  };
}
