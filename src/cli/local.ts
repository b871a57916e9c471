// `hookline local up|down|status|kubeconfig|env`: a real Kubernetes control plane and node
// agent on loopback, for trying charts and their hooks without a cloud cluster.
import type { Command } from 'commander';
import { defaultStateDir, localClusterStatus, startLocalCluster, stopLocalCluster, type LocalClusterStatus } from '../local/cluster.ts';
import { stateLayout } from '../local/layout.ts';
import { portFlags, type ClusterPorts } from '../local/ports.ts';

interface StateFlags { stateDir?: string }

function port(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${flag} must be a port number between 1 and 65535, not "${value}"`);
    return n;
  };
}

function withStateDir(cmd: Command): Command {
  return cmd.option('--state-dir <dir>', `directory holding the cluster's state (default ${defaultStateDir()}, from HOOKLINE_HOME)`);
}

function statusText(status: LocalClusterStatus): string {
  if (!status.started) return `no local cluster is running (state directory ${status.stateDir}); start one with 'hookline local up'\n`;
  const lines = [`local cluster ${status.healthy ? 'healthy' : 'NOT healthy'}: ${status.apiServerUrl} (state ${status.stateDir})`];
  for (const c of status.components) {
    const health = c.health.healthy ? 'healthy' : `UNHEALTHY: ${c.health.reason}`;
    const memory = c.running ? `${Math.round(c.rssKiB / 1024)} MiB` : '-';
    lines.push(`  ${c.name.padEnd(24)} pid ${String(c.pid).padEnd(8)} port ${String(c.port ?? '-').padEnd(6)} rss ${memory.padEnd(8)} ${health}`);
    if (c.logTail) lines.push(`    last lines of ${c.logFile}:`, ...c.logTail.split('\n').map((l) => `      ${l}`));
  }
  const total = status.components.reduce((sum, c) => sum + c.rssKiB, 0);
  lines.push(`  total resident memory ${Math.round(total / 1024)} MiB`);
  return `${lines.join('\n')}\n`;
}

export function register(program: Command): void {
  const local = program.command('local').description('run a local Kubernetes cluster (etcd, kube-apiserver, kube-controller-manager, node agent) where hooks really run');

  withStateDir(local.command('up'))
    .description('start the local cluster, building the control plane binaries on first use; harmless when it already runs')
    .option('--no-agent', 'start only the control plane, without the node agent (pods will not run)')
    .option(`${portFlags.apiServer} <port>`, 'kube-apiserver port on 127.0.0.1 (default: a free port)', port(portFlags.apiServer))
    .option(`${portFlags.etcdClient} <port>`, 'etcd client port (default: a free port)', port(portFlags.etcdClient))
    .option(`${portFlags.etcdPeer} <port>`, 'etcd peer port (default: a free port)', port(portFlags.etcdPeer))
    .option(`${portFlags.controllerManager} <port>`, 'kube-controller-manager health port (default: a free port)', port(portFlags.controllerManager))
    .option('--timeout <seconds>', 'how long to wait for each component to become healthy', '120')
    .action(async (flags: StateFlags & { agent: boolean; apiPort?: number; etcdPort?: number; etcdPeerPort?: number; controllerManagerPort?: number; timeout: string }) => {
      const started = Date.now();
      const ports: Partial<ClusterPorts> = { apiServer: flags.apiPort, etcdClient: flags.etcdPort, etcdPeer: flags.etcdPeerPort, controllerManager: flags.controllerManagerPort };
      const cluster = await startLocalCluster({
        stateDir: flags.stateDir, agent: flags.agent, ports: Object.fromEntries(Object.entries(ports).filter(([, v]) => v !== undefined)),
        timeoutMs: Number(flags.timeout) * 1000, showBuildOutput: true,
        onProgress: (message) => process.stderr.write(`${message}\n`),
      });
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write([
        cluster.alreadyRunning ? 'the local cluster is already running' : `the local cluster is running (started in ${seconds} s)`,
        `  API server: ${cluster.apiServerUrl}`,
        `  kubeconfig: ${cluster.kubeconfigPath}`,
        `  audit log:  ${cluster.auditLogPath}`,
        'Use it with:',
        `  export KUBECONFIG=${cluster.kubeconfigPath}`,
        `Stop it with 'hookline local down'.`,
        '',
      ].join('\n'));
    });

  withStateDir(local.command('down'))
    .description('stop the local cluster; its data is kept unless --purge')
    .option('--purge', 'also delete the state directory (certificates, etcd data, logs)')
    .action(async (flags: StateFlags & { purge?: boolean }) => {
      const result = await stopLocalCluster({ stateDir: flags.stateDir, purge: flags.purge });
      for (const { name, pid } of result.stopped) process.stdout.write(`stopped ${name} (pid ${pid})\n`);
      if (!result.stopped.length) process.stdout.write('no local cluster process was running\n');
      if (result.purged) process.stdout.write(`removed ${stateLayout(flags.stateDir).root}\n`);
    });

  withStateDir(local.command('status'))
    .description("show each component's pid, port, memory and health; exits 1 when the cluster is not healthy")
    .option('-o, --output <format>', 'table or json', 'table')
    .action(async (flags: StateFlags & { output: string }) => {
      const status = await localClusterStatus({ stateDir: flags.stateDir });
      process.stdout.write(flags.output === 'json' ? `${JSON.stringify(status, null, 2)}\n` : statusText(status));
      if (!status.healthy) process.exitCode = 1;
    });

  withStateDir(local.command('kubeconfig'))
    .description("print the path of the local cluster's kubeconfig")
    .action((flags: StateFlags) => { process.stdout.write(`${stateLayout(flags.stateDir).adminKubeconfig}\n`); });

  withStateDir(local.command('env'))
    .description("print the shell command that points kubectl and hookline at the local cluster: eval \"$(hookline local env)\"")
    .action((flags: StateFlags) => { process.stdout.write(`export KUBECONFIG=${stateLayout(flags.stateDir).adminKubeconfig}\n`); });
}
