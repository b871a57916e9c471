// Command-line entry of the node agent: `node main.ts --kubeconfig F --state-dir D --node-name N [--port P]`.
// Runs until SIGTERM/SIGINT, then kills every process it started before exiting.
import { Command } from 'commander';
import { startAgent } from './agent.ts';

const program = new Command('hookline-node-agent')
  .description('Runs the Pods bound to one Kubernetes Node as host processes')
  .requiredOption('--kubeconfig <file>', 'kubeconfig with rights to nodes, leases, pods, events, secrets and configmaps')
  .option('--context <name>', 'kubeconfig context (default: current-context)')
  .requiredOption('--state-dir <dir>', 'directory for logs, pod working dirs, pids and the serving certificate')
  .option('--node-name <name>', 'name of the Node to register', 'hookline-node')
  .option('--port <port>', 'HTTPS port for container logs (0 picks a free one)', (v) => Number(v), 0)
  .parse();

const options = program.opts<{ kubeconfig: string; context?: string; stateDir: string; nodeName: string; port: number }>();
const agent = await startAgent({ ...options, trace: (line) => console.log(line) }).catch((err: Error) => {
  console.error(`hookline node agent failed to start: ${err.message}`);
  process.exit(1);
});
console.log(`hookline node agent: node ${options.nodeName} registered, logs on https://127.0.0.1:${agent.port}` +
  (agent.reapedStale ? `, killed ${agent.reapedStale} stale process group(s) from an earlier run` : ''));

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    agent.stop().finally(() => process.exit(0));
  });
}
