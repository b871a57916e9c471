// Drives one pod bound to this node through its life: init containers in order, then containers
// concurrently as host processes, restarts with back-off, probes, deadline, graceful deletion, status.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { KubeApiError } from '../../kube/client.ts';
import type { AgentApiClient, ApiObject } from './api.ts';
import { ContainerConfigError, containerArgv, resolveEnv } from './env.ts';
import type { EventRecorder } from './events.ts';
import type { LogStore } from './log-store.ts';
import type { HostProcess, ProcessRunner } from './process-runner.ts';
import { ProbeLoop, runProbe } from './probes.ts';
import { retryTransient } from './retry.ts';
import {
  ConditionClock, podPhase, podStatus, running, terminated, waiting, type ContainerView, type PodPhase,
} from './pod-status.ts';
import { kubeTime } from './time.ts';

export type WorkerDeps = {
  api: AgentApiClient; events: EventRecorder; logs: LogStore; runner: ProcessRunner;
  stateDir: string; apiserver: URL; nodePath: string;
  /** Receives one line per container start and exit, for the agent's own log. */
  trace: (line: string) => void;
};

const CONFIG_RETRY_MS = 10_000;
const BACKOFF_INITIAL_MS = 10_000;
const BACKOFF_MAX_MS = 300_000;
// A container that ran this long without failing starts its back-off afresh, as in the kubelet.
const BACKOFF_RESET_MS = 600_000;

type ContainerRuntime = ContainerView & { process?: HostProcess; probes: ProbeLoop[]; backoffMs: number };

/**
 * Picks up what an earlier agent reported for a container: its restart count, and its last result. A
 * container that was running then is gone now (the agent kills its processes), so it counts as
 * terminated with an unknown status, as the kubelet reports a container it can no longer find.
 */
function resumed(c: ContainerRuntime, reported: ApiObject[]): ContainerRuntime {
  const status = reported.find((s) => s.name === c.name);
  if (!status) return c;
  c.restartCount = status.restartCount ?? 0;
  if (status.lastState?.terminated) c.lastState = { waiting: null, running: null, terminated: status.lastState.terminated };
  if (status.state?.terminated) c.state = terminated(status.state.terminated);
  else if (status.state?.running) {
    c.state = terminated({
      exitCode: 137, reason: 'ContainerStatusUnknown', message: 'The container could not be located when the node agent restarted',
      startedAt: status.state.running.startedAt, finishedAt: kubeTime(),
    });
  }
  return c;
}

const isTerminal = (phase: string | undefined) => phase === 'Succeeded' || phase === 'Failed';

export class PodWorker {
  pod: ApiObject;
  readonly init: ContainerRuntime[];
  readonly main: ContainerRuntime[];
  private readonly deps: WorkerDeps;
  private readonly clock = new ConditionClock();
  // Aborted when nothing more may start: deletion, the deadline or agent shutdown; it cuts waits short.
  private readonly halt = new AbortController();
  private agentStopped = false;
  private phase: PodPhase = 'Pending';
  private startTime = kubeTime();
  private reason: string | undefined;
  private message: string | undefined;
  private deadlineTimer: NodeJS.Timeout | undefined;
  private terminating = false;
  private publishing: Promise<void> = Promise.resolve();

  constructor(deps: WorkerDeps, pod: ApiObject) {
    this.deps = deps;
    this.pod = pod;
    const view = (spec: ApiObject, init: boolean, reason: string): ContainerRuntime => resumed({
      name: spec.name, spec, init, state: waiting(reason), lastState: {}, restartCount: 0, ready: false, pending: true, backoffMs: 0, probes: [],
    }, [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]);
    const hasInit = (pod.spec.initContainers ?? []).length > 0;
    this.init = (pod.spec.initContainers ?? []).map((c: ApiObject) => view(c, true, 'PodInitializing'));
    this.main = pod.spec.containers.map((c: ApiObject) => view(c, false, hasInit ? 'PodInitializing' : 'ContainerCreating'));
  }

  get uid(): string {
    return this.pod.metadata.uid;
  }

  private get terminal(): boolean {
    return isTerminal(this.phase);
  }

  /** Runs the pod; resolves when it is terminal or the agent stops. */
  async run(): Promise<void> {
    if (isTerminal(this.pod.status?.phase)) {
      this.phase = this.pod.status.phase;
      return;
    }
    this.startTime = this.pod.status?.startTime ?? kubeTime();
    this.armDeadline();
    await this.publish();
    const workDir = join(this.deps.stateDir, 'pods', this.uid);
    mkdirSync(workDir, { recursive: true });
    for (const container of this.init) {
      const ok = await this.runContainer(container, workDir);
      if (!ok) return this.settle();
    }
    await Promise.all(this.main.map((container) => this.runContainer(container, workDir)));
    await this.settle();
  }

  /** Takes a newer version of the pod from the watch; starts termination once it is being deleted. */
  update(pod: ApiObject): void {
    this.pod = pod;
    if (pod.metadata.deletionTimestamp && !this.terminating) void this.terminate();
  }

  /** Agent shutdown: processes are killed by the runner; only timers are stopped here. */
  stop(): void {
    this.agentStopped = true;
    this.halt.abort();
    clearTimeout(this.deadlineTimer);
    for (const c of [...this.init, ...this.main]) c.probes.forEach((probe) => probe.stop());
  }

  /** The pod is gone from the API without a graceful deletion: kill its processes at once. */
  abandon(): void {
    this.stop();
    for (const c of [...this.init, ...this.main]) c.process?.signal('SIGKILL');
  }

  /** The log attempt a `kubectl logs` request means, or undefined for an unknown container. */
  logAttempt(container: string, previous: boolean): number | undefined {
    const c = [...this.init, ...this.main].find((x) => x.name === container);
    if (!c) return undefined;
    return previous ? c.restartCount - 1 : c.restartCount;
  }

  private armDeadline(): void {
    const seconds = this.pod.spec.activeDeadlineSeconds;
    if (seconds === undefined) return;
    const remaining = Date.parse(this.startTime) + seconds * 1000 - Date.now();
    this.deadlineTimer = setTimeout(() => {
      if (this.terminal || this.terminating) return;
      this.reason = 'DeadlineExceeded';
      this.message = 'Pod was active on the node longer than the specified deadline';
      this.deps.events.record(this.pod, 'Normal', 'DeadlineExceeded', this.message);
      this.halt.abort();
      void this.killAll(this.pod.spec.terminationGracePeriodSeconds ?? 30);
    }, Math.max(0, remaining));
  }

  private get finishing(): boolean {
    return this.halt.signal.aborted;
  }

  private async wait(ms: number): Promise<void> {
    await sleep(ms, undefined, { signal: this.halt.signal }).catch(() => undefined);
  }

  /** Runs one container until it is done for good; false when the pod cannot go on (init failed for good). */
  private async runContainer(c: ContainerRuntime, workDir: string): Promise<boolean> {
    const policy = this.pod.spec.restartPolicy ?? 'Always';
    // A result reported before an agent restart is decided on like a fresh one.
    let exit = c.state.terminated?.exitCode;
    while (!this.finishing) {
      if (exit !== undefined) {
        const restart = c.init ? exit !== 0 && policy !== 'Never' : policy === 'Always' || (policy === 'OnFailure' && exit !== 0);
        if (!restart) {
          c.pending = false;
          await this.publish();
          return exit === 0;
        }
        await this.backOff(c);
        if (this.finishing) break;
      }
      exit = await this.attempt(c, workDir);
    }
    c.pending = false;
    return false;
  }

  private async backOff(c: ContainerRuntime): Promise<void> {
    const startedAt = c.state.terminated?.startedAt;
    if (startedAt && Date.now() - Date.parse(startedAt) > BACKOFF_RESET_MS) c.backoffMs = 0;
    c.backoffMs = c.backoffMs ? Math.min(c.backoffMs * 2, BACKOFF_MAX_MS) : BACKOFF_INITIAL_MS;
    const podRef = `${this.pod.metadata.name}_${this.pod.metadata.namespace}(${this.uid})`;
    c.lastState = c.state;
    c.restartCount++;
    c.state = waiting('CrashLoopBackOff', `back-off ${c.backoffMs / 1000}s restarting failed container=${c.name} pod=${podRef}`);
    this.deps.events.record(this.pod, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${podRef}`, this.fieldPath(c));
    await this.publish();
    await this.wait(c.backoffMs);
  }

  /** One line in the agent's own log, so its log file tells what ran when. */
  private trace(message: string): void {
    this.deps.trace(`${new Date().toISOString()} pod ${this.pod.metadata.namespace}/${this.pod.metadata.name}: ${message}`);
  }

  private fieldPath(c: ContainerView): string {
    return `spec.${c.init ? 'initContainers' : 'containers'}{${c.name}}`;
  }

  /** One start of a container; the exit code, or undefined when its configuration is not ready yet. */
  private async attempt(c: ContainerRuntime, workDir: string): Promise<number | undefined> {
    let env: Record<string, string>;
    try {
      env = await resolveEnv({ api: this.deps.api, pod: this.pod, apiserver: this.deps.apiserver, nodePath: this.deps.nodePath }, c.spec);
    } catch (err) {
      const message = (err as Error).message;
      if (!(err instanceof ContainerConfigError)) console.error(`pod ${this.pod.metadata.namespace}/${this.pod.metadata.name}: ${message}`);
      c.state = waiting('CreateContainerConfigError', message);
      this.deps.events.record(this.pod, 'Warning', 'Failed', `Error: ${message}`, this.fieldPath(c));
      await this.publish();
      await this.wait(CONFIG_RETRY_MS);
      return undefined;
    }
    // Deletion or the deadline may have come while the configuration was being read.
    if (this.finishing) return undefined;
    const image = c.spec.image ?? '';
    if (c.restartCount === 0) {
      this.deps.events.record(this.pod, 'Normal', 'Pulled', `Image "${image}" is not pulled: the hookline node agent runs host processes`, this.fieldPath(c));
    }
    const argv = containerArgv(c.spec, env);
    const startedAt = kubeTime();
    if (argv.length === 0) {
      const message = `hookline node agent runs host processes and cannot know image ${image}'s entrypoint; set command:`;
      this.deps.events.record(this.pod, 'Warning', 'Failed', `Error: ${message}`, this.fieldPath(c));
      return this.finishAttempt(c, { exitCode: 128, reason: 'NoEntrypoint', message, startedAt, finishedAt: startedAt });
    }
    const cwd = c.spec.workingDir || workDir;
    mkdirSync(cwd, { recursive: true });
    const log = this.deps.logs.open(this.uid, c.name, c.restartCount);
    const proc = this.deps.runner.start(argv, { cwd, env, log });
    c.process = proc;
    c.containerID = `hostprocess://${this.uid}/${c.name}/${c.restartCount}`;
    this.deps.events.record(this.pod, 'Normal', 'Created', `Created container: ${c.name}`, this.fieldPath(c));
    c.state = running(startedAt);
    if (proc.pid > 0) {
      this.deps.events.record(this.pod, 'Normal', 'Started', `Started container ${c.name}`, this.fieldPath(c));
      this.trace(`container ${c.name} started as pid ${proc.pid}: ${argv.join(' ').replace(/\s+/g, ' ').slice(0, 160)}`);
    }
    this.startProbes(c, env, cwd);
    await this.publish();
    const exit = await proc.exited;
    c.process = undefined;
    c.probes.forEach((probe) => probe.stop());
    c.probes = [];
    c.ready = false;
    if (exit.startError) {
      const message = `failed to start container "${c.name}": exec: ${exit.startError}`;
      this.deps.events.record(this.pod, 'Warning', 'Failed', `Error: ${message}`, this.fieldPath(c));
      return this.finishAttempt(c, { exitCode: 128, reason: 'StartError', message, startedAt, finishedAt: kubeTime() });
    }
    const reason = exit.exitCode === 0 ? 'Completed' : 'Error';
    this.trace(`container ${c.name} exited with code ${exit.exitCode}${exit.signal ? ` (${exit.signal})` : ''}`);
    return this.finishAttempt(c, { exitCode: exit.exitCode, reason, startedAt, finishedAt: kubeTime(), containerID: c.containerID });
  }

  private finishAttempt(c: ContainerRuntime, result: Parameters<typeof terminated>[0]): number {
    c.state = terminated(result);
    return result.exitCode;
  }

  private startProbes(c: ContainerRuntime, env: Record<string, string>, cwd: string): void {
    c.ready = !c.init && !c.spec.readinessProbe;
    if (c.init) return;
    const check = (probe: ApiObject) => () => runProbe(probe, c.spec, env, cwd);
    const unhealthy = (kind: string) => (message: string) =>
      this.deps.events.record(this.pod, 'Warning', 'Unhealthy', `${kind} probe failed: ${message}`, this.fieldPath(c));
    const readiness = c.spec.readinessProbe;
    if (readiness) {
      c.probes.push(new ProbeLoop(readiness, check(readiness), false, {
        onChange: (ok) => {
          c.ready = ok;
          void this.publish();
        },
        onFailure: unhealthy('Readiness'),
      }));
    }
    const liveness = c.spec.livenessProbe;
    if (liveness) {
      c.probes.push(new ProbeLoop(liveness, check(liveness), true, {
        onChange: (ok) => {
          if (ok || !c.process) return;
          this.deps.events.record(this.pod, 'Normal', 'Killing', `Container ${c.name} failed liveness probe, will be restarted`, this.fieldPath(c));
          void this.stopProcess(c, liveness.terminationGracePeriodSeconds ?? this.pod.spec.terminationGracePeriodSeconds ?? 30);
        },
        onFailure: unhealthy('Liveness'),
      }));
    }
  }

  /** SIGTERM to the container's process group, SIGKILL once the grace period is over. */
  private async stopProcess(c: ContainerRuntime, graceSeconds: number): Promise<void> {
    const proc = c.process;
    if (!proc) return;
    proc.signal('SIGTERM');
    const timer = setTimeout(() => proc.signal('SIGKILL'), graceSeconds * 1000);
    await proc.exited;
    clearTimeout(timer);
  }

  private async killAll(graceSeconds: number): Promise<void> {
    const live = [...this.init, ...this.main].filter((c) => c.process);
    for (const c of live) this.deps.events.record(this.pod, 'Normal', 'Killing', `Stopping container ${c.name}`, this.fieldPath(c));
    await Promise.all(live.map((c) => this.stopProcess(c, graceSeconds)));
  }

  /** Deletion: stop the processes within the grace period, write the final status, remove the pod. */
  private async terminate(): Promise<void> {
    this.terminating = true;
    this.halt.abort();
    clearTimeout(this.deadlineTimer);
    const grace = this.pod.metadata.deletionGracePeriodSeconds ?? this.pod.spec.terminationGracePeriodSeconds ?? 30;
    await this.killAll(grace);
    await this.settle();
    const { namespace, name } = this.pod.metadata;
    const options = { apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: 0, preconditions: { uid: this.uid } };
    const remove = () => this.deps.api.request('DELETE', `/api/v1/namespaces/${namespace}/pods/${name}`, { body: options });
    await retryTransient(`pod ${namespace}/${name}: delete`, remove, () => this.agentStopped).catch((err: Error) => {
      if (!(err instanceof KubeApiError && (err.status === 404 || err.status === 409))) console.error(`pod ${namespace}/${name}: delete failed: ${err.message}`);
    });
  }

  /** Writes the terminal status once nothing will run any more (containers never started count as unknown). */
  private async settle(): Promise<void> {
    if (this.terminal) return;
    if (this.agentStopped) return;
    const now = kubeTime();
    for (const c of [...this.init, ...this.main]) {
      c.pending = false;
      if (!c.state.terminated && this.finishing) {
        c.state = terminated({ exitCode: 137, reason: 'ContainerStatusUnknown', message: 'The container could not be located when the pod was terminated', finishedAt: now });
      }
    }
    const phase = podPhase(this.init, this.main, this.terminating ? 'Never' : this.pod.spec.restartPolicy ?? 'Always');
    this.phase = this.reason === 'DeadlineExceeded' ? 'Failed' : phase;
    await this.publish();
  }

  /** Patches pods/{name}/status; writes are serialized and a terminal status is never followed by another. */
  publish(): Promise<void> {
    // After agent shutdown nothing is reported: the pods did not end, their agent did.
    if (this.agentStopped) return this.publishing;
    const phase = this.terminal ? this.phase : podPhase(this.init, this.main, this.pod.spec.restartPolicy ?? 'Always');
    const status = podStatus({ init: this.init, main: this.main, phase: isTerminal(phase) && !this.terminal ? 'Running' : phase, startTime: this.startTime, clock: this.clock, reason: this.reason, message: this.message });
    const { namespace, name } = this.pod.metadata;
    const patch = () => this.deps.api.request('PATCH', `/api/v1/namespaces/${namespace}/pods/${name}/status`,
      { body: { metadata: { uid: this.uid }, status }, contentType: 'application/strategic-merge-patch+json' });
    // Retried until it lands (or the pod is gone): a lost terminal status would leave its Job running for ever.
    this.publishing = this.publishing.then(() =>
      retryTransient(`pod ${namespace}/${name}: status update`, patch, () => this.agentStopped)
        .then(() => undefined, (err: Error) => {
          if (!(err instanceof KubeApiError && err.status === 404)) console.error(`pod ${namespace}/${name}: status update failed: ${err.message}`);
        }));
    return this.publishing;
  }
}
