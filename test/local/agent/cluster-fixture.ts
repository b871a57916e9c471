// Test fixture: a real local control plane (the project's startLocalCluster, without its agent) plus this
// node agent started in-process, and small helpers around the reference kubectl.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startLocalCluster } from '../../../src/local/start.ts';
import { stopLocalCluster } from '../../../src/local/stop.ts';
import { startAgent, type RunningAgent } from '../../../src/local/agent/agent.ts';
import { referenceTool } from '../../support/reference-tools.ts';

export type Kubectl = (args: string[], input?: string) => Promise<string>;

export type AgentCluster = {
  kubeconfig: string; agent: RunningAgent; kubectl: Kubectl;
  /** Stops the agent and starts a new one on the same state dir, as after an agent crash or upgrade. */
  restartAgent(): Promise<void>;
  stop(): Promise<void>;
};

export async function startAgentCluster(): Promise<AgentCluster> {
  const stateDir = mkdtempSync(join(tmpdir(), 'hookline-agent-test-'));
  const cluster = await startLocalCluster({ stateDir, agent: false });
  const agentOptions = { kubeconfig: cluster.kubeconfigPath, stateDir: join(stateDir, 'agent'), nodeName: 'hookline-node' };
  const kubectlPath = referenceTool('kubectl');
  const kubectl: Kubectl = (args, input) => new Promise((resolve, reject) => {
    const child = execFile(kubectlPath, ['--kubeconfig', cluster.kubeconfigPath, ...args], { timeout: 120_000, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`kubectl ${args.join(' ')} failed: ${stderr || err.message}`));
      else resolve(stdout);
    });
    if (input !== undefined) child.stdin!.end(input);
  });
  const fixture: AgentCluster = {
    kubeconfig: cluster.kubeconfigPath,
    agent: await startAgent(agentOptions),
    kubectl,
    async restartAgent() {
      await fixture.agent.stop();
      fixture.agent = await startAgent(agentOptions);
    },
    async stop() {
      await fixture.agent.stop();
      await stopLocalCluster({ stateDir, purge: true });
    },
  };
  return fixture;
}

/**
 * Polls until the check returns a value other than undefined/false, or fails naming what it waited for
 * and, through `explain` (a kubectl describe, say), what state it saw, so a CI log alone tells why.
 */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 60_000, explain?: () => Promise<string>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      lastError = err;
    }
    await sleep(250);
  }
  const seen = explain ? `\n${await explain().catch((err: Error) => `(the state could not be read: ${err.message})`)}` : '';
  throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}${lastError ? `: ${(lastError as Error).message}` : ''}${seen}`);
}

/** Pids of live (non-zombie) processes whose command line contains the marker. */
export function processesWith(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (cmdline.includes(marker) && stat[stat.lastIndexOf(')') + 2] !== 'Z') pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}
