// Pod phase and condition rules of the kubelet, as the agent derives them from its containers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { podConditions, podPhase, running, terminated, waiting, type ContainerView } from '../../../src/local/agent/pod-status.ts';
import { microTime } from '../../../src/local/agent/time.ts';

const at = '2026-01-01T00:00:00Z';
function view(name: string, state: ContainerView['state'], extra: Partial<ContainerView> = {}): ContainerView {
  return { name, spec: { name }, init: false, state, lastState: {}, restartCount: 0, ready: false, pending: false, ...extra };
}
const exited = (code: number) => terminated({ exitCode: code, reason: code ? 'Error' : 'Completed', finishedAt: at });

test('phase follows the containers: pending, running, succeeded, failed', () => {
  assert.equal(podPhase([], [view('a', waiting('ContainerCreating'), { pending: true })], 'Never'), 'Pending');
  assert.equal(podPhase([], [view('a', waiting('CreateContainerConfigError'), { pending: true })], 'Never'), 'Pending');
  assert.equal(podPhase([], [view('a', running(at))], 'Never'), 'Running');
  assert.equal(podPhase([], [view('a', exited(0)), view('b', running(at))], 'Never'), 'Running');
  assert.equal(podPhase([], [view('a', exited(0)), view('b', exited(0))], 'Never'), 'Succeeded');
  assert.equal(podPhase([], [view('a', exited(0)), view('b', exited(2))], 'Never'), 'Failed');
});

test('a container waiting to restart keeps the pod Running', () => {
  const crashLooping = view('a', waiting('CrashLoopBackOff'), { pending: true, restartCount: 1 });
  assert.equal(podPhase([], [crashLooping], 'OnFailure'), 'Running');
});

test('init containers hold the pod Pending; a failed one with restartPolicy Never fails it', () => {
  const main = [view('m', waiting('PodInitializing'), { pending: true })];
  assert.equal(podPhase([view('i', running(at), { init: true })], main, 'Never'), 'Pending');
  assert.equal(podPhase([view('i', exited(1), { init: true })], main, 'Never'), 'Failed');
  assert.equal(podPhase([view('i', exited(1), { init: true, pending: true })], main, 'OnFailure'), 'Pending');
});

test('conditions report unready and uninitialized containers by name', () => {
  const conditions = podConditions([view('i', running(at), { init: true })], [view('m', waiting('PodInitializing'))], 'Pending');
  const byType = Object.fromEntries(conditions.map((c) => [c.type, c]));
  assert.equal(byType.Initialized.message, 'containers with incomplete status: [i]');
  assert.equal(byType.Ready.message, 'containers with unready status: [m]');
  assert.equal(byType.PodScheduled.status, 'True');
  const done = Object.fromEntries(podConditions([], [view('m', exited(0))], 'Succeeded').map((c) => [c.type, c]));
  assert.equal(done.Ready.reason, 'PodCompleted');
  assert.equal(done.Initialized.status, 'True');
});

test('lease renewTime is a MicroTime with exactly six fractional digits', () => {
  assert.match(microTime(new Date('2026-01-02T03:04:05.678Z')), /^2026-01-02T03:04:05\.678000Z$/);
});
