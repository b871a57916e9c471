// Host process runner: exit codes, signal deaths as 128+n, whole process groups, and stale-process reaping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogStore } from '../../../src/local/agent/log-store.ts';
import { ProcessRunner } from '../../../src/local/agent/process-runner.ts';

const env = { PATH: '/usr/bin:/bin' };

function withDir(fn: (dir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agent-runner-'));
    try {
      await fn(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

// A zombie (state Z) has exited even though its /proc entry remains until it is reaped.
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

test('reports the real exit code and captures output', withDir(async (dir) => {
  const runner = new ProcessRunner(dir);
  const logs = new LogStore(dir);
  const proc = runner.start(['sh', '-c', 'echo out; echo err >&2; exit 7'], { cwd: dir, env, log: logs.open('u', 'c', 0) });
  assert.deepEqual(await proc.exited, { exitCode: 7 });
  assert.deepEqual(logs.read('u', 'c', 0)!.records.map((r) => r.text).sort(), ['err', 'out']);
  assert.deepEqual(readdirSync(join(dir, 'pids')), [], 'the pid record is removed once the process is gone');
}));

test('a signal death is reported as 128 + the signal number, and kills the whole group', withDir(async (dir) => {
  const runner = new ProcessRunner(dir);
  const logs = new LogStore(dir);
  const proc = runner.start(['sh', '-c', 'sleep 300 & echo $!; wait'], { cwd: dir, env, log: logs.open('u', 'c', 0) });
  const writer = logs.read('u', 'c', 0)!.writer!;
  const childPid = await new Promise<number>((resolve) => writer.once('record', (r) => resolve(Number(r.text))));
  proc.signal('SIGTERM');
  assert.deepEqual(await proc.exited, { exitCode: 143, signal: 'SIGTERM' });
  // Its death is certain once the pipes closed, but the kernel may not have marked it a zombie yet.
  for (const deadline = Date.now() + 5000; alive(childPid) && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 20));
  assert.equal(alive(childPid), false, 'the background child of the container is gone too');
}));

test('a command that cannot be started is a start error, not a crash', withDir(async (dir) => {
  const runner = new ProcessRunner(dir);
  const proc = runner.start(['/nonexistent/binary'], { cwd: dir, env, log: new LogStore(dir).open('u', 'c', 0) });
  const exit = await proc.exited;
  assert.equal(exit.exitCode, 128);
  assert.match(exit.startError ?? '', /ENOENT/);
}));

test('a new runner kills process groups an earlier agent left behind', withDir(async (dir) => {
  const first = new ProcessRunner(dir);
  const proc = first.start(['sleep', '300'], { cwd: dir, env, log: new LogStore(dir).open('u', 'c', 0) });
  assert.equal(alive(proc.pid), true);
  const second = new ProcessRunner(dir);
  assert.equal(second.reapStale(), 1);
  assert.deepEqual(await proc.exited, { exitCode: 137, signal: 'SIGKILL' });
  assert.equal(second.reapStale(), 0);
}));
