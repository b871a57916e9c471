// The watchdog kills an agent's container processes when the agent itself is killed with SIGKILL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const here = import.meta.dirname;
// A stand-in agent: records and starts one long-running container process, prints its pid, then idles.
const fakeAgent = `
import { LogStore } from '${join(here, '../../../src/local/agent/log-store.ts')}';
import { ProcessRunner } from '${join(here, '../../../src/local/agent/process-runner.ts')}';
import { startWatchdog } from '${join(here, '../../../src/local/agent/watchdog.ts')}';
const dir = process.argv[1];
const runner = new ProcessRunner(dir);
startWatchdog(runner.pidDir);
const proc = runner.start(['sleep', '300'], { cwd: dir, env: { PATH: '/usr/bin:/bin' }, log: new LogStore(dir).open('u', 'c', 0) });
console.log(proc.pid);
setInterval(() => {}, 1000);
`;

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] !== 'Z';
  } catch {
    return false;
  }
}

test('container processes die soon after their agent is SIGKILLed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'agent-watchdog-'));
  try {
    const agent = spawn(process.execPath, ['--input-type=module', '-e', fakeAgent, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const containerPid = await new Promise<number>((resolve) => agent.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))));
    assert.equal(alive(containerPid), true);
    agent.kill('SIGKILL');
    // The watchdog looks once a second; a loaded machine may take a few more to run it.
    const deadline = Date.now() + 20_000;
    while (alive(containerPid) && Date.now() < deadline) await sleep(100);
    assert.equal(alive(containerPid), false, `container process ${containerPid} outlived its agent`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
