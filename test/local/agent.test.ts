// The node agent on a real control plane (etcd, kube-apiserver, kube-controller-manager), driven and
// observed with the reference kubectl: Jobs, Deployments, env, deadlines, deletion, logs and events.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/lesson-services.ts';
import { processesWith, startAgentCluster, waitFor, type AgentCluster } from './agent/cluster-fixture.ts';

let cluster: AgentCluster;
const ns = 'agent-test';
const marker = () => `hl-marker-${randomBytes(4).toString('hex')}`;

function job(name: string, container: Record<string, unknown>, spec: Record<string, unknown> = {}) {
  return {
    apiVersion: 'batch/v1', kind: 'Job', metadata: { name, namespace: ns },
    spec: { backoffLimit: 0, ...spec, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox', ...container }] } } },
  };
}

const apply = (object: unknown) => cluster.kubectl(['apply', '-f', '-'], JSON.stringify(object));
const getJson = async (...args: string[]) => JSON.parse(await cluster.kubectl(['-n', ns, 'get', ...args, '-o', 'json']));
const jobCondition = async (name: string, type: string) =>
  (await getJson('job', name)).status?.conditions?.find((c: any) => c.type === type && c.status === 'True');
const jobPods = async (name: string) => (await getJson('pods', '-l', `job-name=${name}`)).items;
// What a failed wait reports: the objects as kubectl describe shows them.
const described = (...what: string[]) => () => cluster.kubectl(['-n', ns, 'describe', ...what]);
const describedJob = (name: string) => async () => `${await described('job', name)()}\n${await described('pods', '-l', `job-name=${name}`)()}`;
const jobFinished = (name: string, type: 'Complete' | 'Failed', timeoutMs?: number) =>
  waitFor(`job ${name} ${type}`, () => jobCondition(name, type), timeoutMs, describedJob(name));
const podPhaseIs = (name: string, phase: string, timeoutMs?: number) =>
  waitFor(`pod ${name} ${phase}`, async () => {
    const p = await getJson('pod', name);
    return p.status.phase === phase && p;
  }, timeoutMs, described('pod', name));
/** Runs a kubectl wait-like command; on failure its error carries the describe output of what it waited for. */
async function explained(run: Promise<unknown>, explain: () => Promise<string>): Promise<void> {
  try {
    await run;
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${await explain().catch((e: Error) => `(the state could not be read: ${e.message})`)}`);
  }
}
/** Waits until the events about a pod have the given source:reason set (they are posted apart from its status). */
const podEventReasons = (pod: string, expected: string[]) => {
  let seen: string[] = [];
  return waitFor(`events ${expected.join(', ')} of pod ${pod}`, async () => {
    const events = await cluster.kubectl(['-n', ns, 'get', 'events', '--field-selector', `involvedObject.name=${pod}`, '-o', 'json']);
    seen = JSON.parse(events).items.map((e: any) => `${e.source.component}:${e.reason}`).sort();
    return JSON.stringify(seen) === JSON.stringify(expected) && seen;
  }, 60_000, async () => `events seen: ${seen.join(', ')}`);
};
/** Waits for an event matching the field selector whose text matches the pattern; returns the listing. */
const eventMatching = (selector: string, pattern: RegExp) => waitFor(`an event ${selector} matching ${pattern}`, async () => {
  const events = await cluster.kubectl(['-n', ns, 'get', 'events', '--field-selector', selector]);
  return pattern.test(events) && events;
}, 60_000, () => cluster.kubectl(['-n', ns, 'get', 'events', '--field-selector', selector]));

before(async () => {
  cluster = await startAgentCluster();
  await cluster.kubectl(['create', 'namespace', ns]);
  await waitFor('the default ServiceAccount', () => cluster.kubectl(['-n', ns, 'get', 'serviceaccount', 'default']));
}, { timeout: 300_000 });

after(async () => {
  await cluster?.stop();
}, { timeout: 120_000 });

describe('node agent', { timeout: 600_000 }, () => {
  test('registers a Ready node with a lease renewed in MicroTime', async () => {
    const node = JSON.parse(await cluster.kubectl(['get', 'node', 'hookline-node', '-o', 'json']));
    const ready = node.status.conditions.find((c: any) => c.type === 'Ready');
    assert.equal(ready.status, 'True');
    assert.deepEqual(node.status.addresses[0], { type: 'InternalIP', address: '127.0.0.1' });
    assert.equal(node.status.daemonEndpoints.kubeletEndpoint.Port, cluster.agent.port);
    const lease = JSON.parse(await cluster.kubectl(['-n', 'kube-node-lease', 'get', 'lease', 'hookline-node', '-o', 'json']));
    assert.match(lease.spec.renewTime, /\.\d{6}Z$/);
  });

  test('a Job that echoes hello completes, and logs, describe and events show its life', async (t) => {
    const created = Date.now();
    await apply(job('hello', { command: ['sh', '-c', 'date +%s%N; echo hello; exit 0'] }));
    await jobFinished('hello', 'Complete');
    const [first, ...rest] = (await cluster.kubectl(['-n', ns, 'logs', 'job/hello'])).split('\n');
    assert.deepEqual(rest, ['hello', '']);
    const latencyMs = Number(BigInt(first) / 1_000_000n) - created;
    t.diagnostic(`pod start latency (kubectl apply of the Job -> process running): ${latencyMs} ms`);
    // Started by the watch, not by a later re-list; the bound leaves room for a loaded CI machine.
    assert.ok(latencyMs > 0 && latencyMs < 30_000, `latency ${latencyMs} ms`);
    const [pod] = await jobPods('hello');
    assert.equal(pod.status.phase, 'Succeeded');
    assert.deepEqual(
      { exitCode: pod.status.containerStatuses[0].state.terminated.exitCode, reason: pod.status.containerStatuses[0].state.terminated.reason },
      { exitCode: 0, reason: 'Completed' });
    // The job controller records its Completed event after it writes the condition, asynchronously.
    await eventMatching('involvedObject.name=hello,reason=Completed', /Job completed/);
    const describeJob = await cluster.kubectl(['-n', ns, 'describe', 'job', 'hello']);
    assert.match(describeJob, /Pods Statuses:\s+0 Active .* 1 Succeeded \/ 0 Failed/);
    assert.match(describeJob, /Completed\s+\S+\s+job-controller\s+Job completed/);
    const reasons = await podEventReasons(pod.metadata.name, ['default-scheduler:Scheduled', 'kubelet:Created', 'kubelet:Pulled', 'kubelet:Started']);
    assert.deepEqual(reasons, ['default-scheduler:Scheduled', 'kubelet:Created', 'kubelet:Pulled', 'kubelet:Started']);
  });

  test('a failing Job with backoffLimit 1 is retried once and ends with BackoffLimitExceeded', async () => {
    await apply(job('fails', { command: ['sh', '-c', 'echo failing; exit 3'] }, { backoffLimit: 1 }));
    const failed = await jobFinished('fails', 'Failed', 90_000);
    assert.equal(failed.reason, 'BackoffLimitExceeded');
    const pods = await jobPods('fails');
    assert.equal(pods.length, 2);
    for (const pod of pods) {
      assert.equal(pod.status.phase, 'Failed');
      assert.equal(pod.status.containerStatuses[0].state.terminated.exitCode, 3);
      assert.equal(pod.status.containerStatuses[0].state.terminated.reason, 'Error');
    }
  });

  test('a Job past its activeDeadlineSeconds fails with DeadlineExceeded and its process is killed', async () => {
    const tag = marker();
    // Long enough for the process to be seen running before the deadline, however slowly the pod starts.
    await apply(job('deadline', { command: ['sh', '-c', 'sleep 300', tag] }, { activeDeadlineSeconds: 10 }));
    await waitFor('the process to run', async () => processesWith(tag).length > 0, 60_000, describedJob('deadline'));
    const failed = await jobFinished('deadline', 'Failed');
    assert.equal(failed.reason, 'DeadlineExceeded');
    await waitFor('the process to be gone', async () => processesWith(tag).length === 0, 30_000, describedJob('deadline'));
  });

  test('a pod past its own activeDeadlineSeconds is Failed with reason DeadlineExceeded', async () => {
    await apply({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pod-deadline', namespace: ns },
      spec: { restartPolicy: 'Never', activeDeadlineSeconds: 2, terminationGracePeriodSeconds: 1, containers: [{ name: 'main', image: 'x', command: ['sleep', '300'] }] },
    });
    const pod = await podPhaseIs('pod-deadline', 'Failed');
    assert.equal(pod.status.reason, 'DeadlineExceeded');
  });

  test('env from a Secret, a ConfigMap, the downward API and $(VAR) references reaches the process', async () => {
    await apply({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: ns }, stringData: { password: 's3cret' } });
    await apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: ns }, data: { mode: 'fast', level: '3' } });
    await apply(job('env', {
      command: ['sh', '-c', 'echo "$PW|$URL|$POD_NS|$CFG_mode|$CFG_level|$OPTIONAL|$KUBERNETES_SERVICE_HOST"'],
      args: [],
      env: [
        { name: 'PW', valueFrom: { secretKeyRef: { name: 'creds', key: 'password' } } },
        { name: 'URL', value: 'postgres://app:$(PW)@db' },
        { name: 'POD_NS', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
        { name: 'OPTIONAL', valueFrom: { configMapKeyRef: { name: 'absent', key: 'x', optional: true } } },
      ],
      envFrom: [{ prefix: 'CFG_', configMapRef: { name: 'settings' } }],
    }));
    await jobFinished('env', 'Complete');
    assert.equal(await cluster.kubectl(['-n', ns, 'logs', 'job/env']), `s3cret|postgres://app:s3cret@db|${ns}|fast|3||127.0.0.1\n`);
  });

  test('a missing Secret leaves the container waiting with CreateContainerConfigError until it exists', async () => {
    await apply(job('needs-secret', {
      command: ['sh', '-c', 'echo "token=$TOKEN"'],
      env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'late', key: 'token' } } }],
    }));
    const waiting = await waitFor('the CreateContainerConfigError', async () => {
      const [pod] = await jobPods('needs-secret');
      return pod?.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'CreateContainerConfigError' && pod;
    }, 60_000, describedJob('needs-secret'));
    assert.equal(waiting.status.containerStatuses[0].state.waiting.message, 'secret "late" not found');
    assert.equal(waiting.status.phase, 'Pending');
    // Events are posted apart from the status that showed the error.
    await eventMatching(`involvedObject.name=${waiting.metadata.name},reason=Failed`, /Error: secret "late" not found/);
    await apply({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'late', namespace: ns }, stringData: { token: 't0k' } });
    await jobFinished('needs-secret', 'Complete', 60_000);
    assert.equal(await cluster.kubectl(['-n', ns, 'logs', 'job/needs-secret']), 'token=t0k\n');
  });

  test('a container without command fails with NoEntrypoint instead of guessing the image entrypoint', async () => {
    await apply(job('no-command', { image: 'postgres:15' }));
    await jobFinished('no-command', 'Failed');
    const [pod] = await jobPods('no-command');
    const state = pod.status.containerStatuses[0].state.terminated;
    assert.equal(state.reason, 'NoEntrypoint');
    assert.match(state.message, /cannot know image postgres:15's entrypoint; set command:/);
  });

  test('restartPolicy OnFailure restarts in place with a restart count and back-off', async () => {
    await apply({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'retry', namespace: ns },
      spec: { restartPolicy: 'OnFailure', containers: [{ name: 'main', image: 'x', command: ['sh', '-c', 'if [ -f tried ]; then echo second; exit 0; fi; touch tried; echo first; exit 4'] }] },
    });
    const pod = await podPhaseIs('retry', 'Succeeded', 90_000);
    const status = pod.status.containerStatuses[0];
    assert.equal(status.restartCount, 1);
    assert.equal(status.lastState.terminated.exitCode, 4);
    assert.equal(status.state.terminated.exitCode, 0);
    assert.equal(await cluster.kubectl(['-n', ns, 'logs', 'retry', '--previous']), 'first\n');
    assert.equal(await cluster.kubectl(['-n', ns, 'logs', 'retry']), 'second\n');
    await eventMatching('involvedObject.name=retry,reason=BackOff', /Back-off restarting failed container main in pod retry/);
  });

  test('deleting a running Job kills its process and garbage-collects its pods', async () => {
    const tag = marker();
    await apply(job('long', { command: ['sh', '-c', 'echo started; sleep 300', tag] }));
    await waitFor('the process to run', async () => processesWith(tag).length > 0, 60_000, describedJob('long'));
    const [pid] = processesWith(tag);
    await cluster.kubectl(['-n', ns, 'delete', 'job', 'long', '--wait=true']);
    await waitFor('the pods to be deleted', async () => (await jobPods('long')).length === 0, 60_000, described('pods', '-l', 'job-name=long'));
    await waitFor(`process ${pid} to be gone`, async () => processesWith(tag).length === 0, 30_000);
  });

  test('a Deployment of an HTTP server becomes Available through its readiness probe', async (t) => {
    const port = await freePort();
    // The server listens only once the test says so, so "Running but not Ready" is seen however slow the machine.
    const gate = mkdtempSync(join(tmpdir(), 'hookline-agent-gate-'));
    t.after(() => rmSync(gate, { recursive: true, force: true }));
    const go = join(gate, 'listen');
    const server = `const fs = require('fs'); const wait = setInterval(() => { if (fs.existsSync(${JSON.stringify(go)})) { clearInterval(wait); `
      + `require('http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1'); } }, 100)`;
    await apply({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: ns },
      spec: {
        replicas: 1, selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image: 'node', command: ['node', '-e', server], ports: [{ name: 'http', containerPort: port }],
            readinessProbe: { httpGet: { path: '/', port: 'http' }, periodSeconds: 1 } }] },
        },
      },
    });
    const notReadyYet = await waitFor('the pod to run', async () => {
      const [pod] = (await getJson('pods', '-l', 'app=web')).items;
      return pod?.status?.phase === 'Running' && pod;
    }, 60_000, described('pods', '-l', 'app=web'));
    assert.equal(notReadyYet.status.conditions.find((c: any) => c.type === 'Ready').status, 'False');
    // A failed probe is reported before the server may listen.
    await eventMatching('reason=Unhealthy', new RegExp(`Readiness probe failed: Get "http://127\\.0\\.0\\.1:${port}/": dial tcp 127\\.0\\.0\\.1:${port}: connect: connection refused`));
    writeFileSync(go, '');
    await explained(cluster.kubectl(['-n', ns, 'rollout', 'status', 'deployment/web', '--timeout=60s']), described('pods', '-l', 'app=web'));
    const available = (await getJson('deployment', 'web')).status.conditions.find((c: any) => c.type === 'Available');
    assert.equal(available.status, 'True');
    await cluster.kubectl(['-n', ns, 'delete', 'deployment', 'web', '--wait=true']);
  });

  test('a tcpSocket readiness probe makes a pod Ready once its port listens', async () => {
    const port = await freePort();
    await apply({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'tcp-ready', namespace: ns },
      spec: { terminationGracePeriodSeconds: 1, containers: [{
        name: 'main', image: 'x', command: ['node', '-e', `require('net').createServer(() => {}).listen(${port}, '127.0.0.1')`],
        readinessProbe: { tcpSocket: { port }, periodSeconds: 1 },
      }] },
    });
    // On failure, say what the pod went through, so a failure here can be told from a slow machine.
    await explained(cluster.kubectl(['-n', ns, 'wait', '--for=condition=Ready', 'pod/tcp-ready', '--timeout=60s']), described('pod', 'tcp-ready'));
    await cluster.kubectl(['-n', ns, 'delete', 'pod', 'tcp-ready', '--wait=true']);
  });

  test('kubectl logs --tail, --timestamps and -f work through the apiserver proxy', async () => {
    await apply(job('ticker', { command: ['sh', '-c', 'for i in 1 2 3 4 5 6; do echo tick $i; sleep 0.5; done'] }));
    await waitFor('the first ticks', async () => (await cluster.kubectl(['-n', ns, 'logs', 'job/ticker'])).includes('tick 2'), 60_000, describedJob('ticker'));
    const followed = await cluster.kubectl(['-n', ns, 'logs', '-f', 'job/ticker']);
    assert.equal(followed, [1, 2, 3, 4, 5, 6].map((i) => `tick ${i}\n`).join(''), 'follow ends when the container exits');
    assert.equal(await cluster.kubectl(['-n', ns, 'logs', 'job/ticker', '--tail=2']), 'tick 5\ntick 6\n');
    const stamped = await cluster.kubectl(['-n', ns, 'logs', 'job/ticker', '--tail=1', '--timestamps']);
    assert.match(stamped, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z tick 6\n$/);
    assert.equal(await cluster.kubectl(['-n', ns, 'logs', 'job/ticker', '--limit-bytes=9']), 'tick 1\nti');
    assert.equal((await cluster.kubectl(['-n', ns, 'logs', 'job/ticker', '--since=1h'])).split('\n').length, 7);
    assert.equal(await cluster.kubectl(['-n', ns, 'logs', 'job/ticker', '--since-time=2099-01-01T00:00:00Z']), '');
  });

  test('init containers run in order before the containers, sharing the pod directory', async () => {
    const container = (name: string, script: string) => ({ name, image: 'x', command: ['sh', '-c', script] });
    await apply({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'with-init', namespace: ns },
      spec: {
        restartPolicy: 'Never',
        initContainers: [container('first', 'echo one > steps'), container('second', 'echo two >> steps')],
        containers: [container('main', 'cat steps')],
      },
    });
    const pod = await podPhaseIs('with-init', 'Succeeded');
    assert.deepEqual(pod.status.initContainerStatuses.map((s: any) => s.state.terminated.reason), ['Completed', 'Completed']);
    assert.equal(pod.status.conditions.find((c: any) => c.type === 'Initialized').status, 'True');
    assert.equal(await cluster.kubectl(['-n', ns, 'logs', 'with-init', '-c', 'main']), 'one\ntwo\n');
  });

  test('a failed init container with restartPolicy Never fails the pod without starting its containers', async () => {
    await apply({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bad-init', namespace: ns },
      spec: { restartPolicy: 'Never', initContainers: [{ name: 'setup', image: 'x', command: ['sh', '-c', 'exit 2'] }], containers: [{ name: 'main', image: 'x', command: ['true'] }] },
    });
    const pod = await podPhaseIs('bad-init', 'Failed');
    assert.equal(pod.status.initContainerStatuses[0].state.terminated.exitCode, 2);
    assert.equal(pod.status.containerStatuses[0].state.waiting.reason, 'PodInitializing');
  });

  test('a failing liveness probe kills the container, which is restarted', async () => {
    const tag = marker();
    await apply({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'liveness', namespace: ns },
      spec: {
        restartPolicy: 'Always', terminationGracePeriodSeconds: 1,
        containers: [{
          // No exec: the shell, whose command line carries the marker, is the container's process.
          name: 'main', image: 'x', command: ['sh', '-c', 'if [ -f once ]; then touch alive; fi; touch once; sleep 300', tag],
          // The delay lets the first run mark itself before the probe kills it.
          // A long timeout: a probe process slow to start on a loaded machine must not count as a failure.
          livenessProbe: { exec: { command: ['test', '-f', 'alive'] }, initialDelaySeconds: 1, periodSeconds: 1, timeoutSeconds: 10, failureThreshold: 1 },
        }],
      },
    });
    const pod = await waitFor('the restarted container to run', async () => {
      const p = await getJson('pod', 'liveness');
      const status = p.status.containerStatuses?.[0];
      return status?.restartCount === 1 && status.state.running && p;
    }, 90_000, described('pod', 'liveness'));
    assert.equal(pod.status.containerStatuses[0].lastState.terminated.exitCode, 143);
    await eventMatching('involvedObject.name=liveness,reason=Killing', /Container main failed liveness probe, will be restarted/);
    assert.equal(processesWith(tag).length, 1, 'the restarted container runs');
    await cluster.kubectl(['-n', ns, 'delete', 'pod', 'liveness', '--wait=true']);
    // The agent removes the pod once the container's output pipes closed, i.e. its processes exited.
    assert.deepEqual(processesWith(tag), []);
  });

  test('after an agent restart a container that was running is not run again: it is reported gone', async () => {
    const tag = marker();
    await apply(job('across-restart', { command: ['sh', '-c', 'echo run >> runs; sleep 300', tag] }));
    await waitFor('the process to run', async () => processesWith(tag).length > 0, 60_000, describedJob('across-restart'));
    await cluster.restartAgent();
    const failed = await jobFinished('across-restart', 'Failed');
    assert.equal(failed.reason, 'BackoffLimitExceeded');
    const [pod] = await jobPods('across-restart');
    assert.equal(pod.status.containerStatuses[0].state.terminated.reason, 'ContainerStatusUnknown');
    assert.deepEqual(processesWith(tag), []);
  });

  test('stopping the agent kills every process it started', async () => {
    const tag = marker();
    await apply(job('outlived', { command: ['sh', '-c', 'sleep 300', tag] }));
    await waitFor('the process to run', async () => processesWith(tag).length > 0, 60_000, describedJob('outlived'));
    await cluster.agent.stop();
    // SIGKILL is delivered when the target next runs: on a loaded machine that takes a moment.
    await waitFor('every process the agent started to be gone', async () => processesWith(tag).length === 0, 15_000);
  });
});
