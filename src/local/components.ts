// The command line of each local cluster component (flags as LOCAL-CLUSTER.md describes).
import { logPath, packageRoot, runsFromSources, type StateLayout } from './layout.ts';
import type { ControlPlaneBinaries } from './binaries.ts';
import type { Pki } from './pki.ts';
import type { ClusterPorts } from './ports.ts';
import { join } from 'node:path';

export type ComponentName = 'etcd' | 'kube-apiserver' | 'kube-controller-manager' | 'node-agent';

export const componentOrder: ComponentName[] = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'node-agent'];

export const nodeName = 'hookline-node';

export interface ComponentCommand {
  name: ComponentName;
  command: string;
  args: string[];
  logFile: string;
}

export function agentEntryPoint(): string {
  return runsFromSources ? join(packageRoot, 'src', 'local', 'agent', 'main.ts') : join(packageRoot, 'dist', 'node-agent.mjs');
}

export function componentCommands(binaries: ControlPlaneBinaries, layout: StateLayout, pki: Pki, ports: ClusterPorts): Record<ComponentName, ComponentCommand> {
  const etcdUrl = `http://127.0.0.1:${ports.etcdClient}`;
  const peerUrl = `http://127.0.0.1:${ports.etcdPeer}`;
  const command = (name: ComponentName, cmd: string, args: string[]): ComponentCommand => ({ name, command: cmd, args, logFile: logPath(layout, name) });
  return {
    etcd: command('etcd', binaries.etcd, [
      '--name=hookline', `--data-dir=${layout.etcdData}`,
      `--listen-client-urls=${etcdUrl}`, `--advertise-client-urls=${etcdUrl}`,
      `--listen-peer-urls=${peerUrl}`, `--initial-advertise-peer-urls=${peerUrl}`, `--initial-cluster=hookline=${peerUrl}`,
      // A throwaway development cluster: durability is not worth the disk latency.
      '--unsafe-no-fsync', '--log-level=warn',
    ]),
    'kube-apiserver': command('kube-apiserver', binaries.kubeApiServer, [
      `--etcd-servers=${etcdUrl}`,
      '--bind-address=127.0.0.1', `--secure-port=${ports.apiServer}`,
      // Without a default route the apiserver cannot pick an address or reconcile endpoints itself.
      '--advertise-address=127.0.0.1', '--endpoint-reconciler-type=none',
      `--cert-dir=${layout.pki}`, `--tls-cert-file=${pki.apiServerCert}`, `--tls-private-key-file=${pki.apiServerKey}`,
      `--client-ca-file=${pki.caCert}`,
      '--service-cluster-ip-range=10.0.0.0/24',
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${pki.serviceAccountPub}`, `--service-account-signing-key-file=${pki.serviceAccountKey}`,
      '--authorization-mode=Node,RBAC',
      '--kubelet-preferred-address-types=InternalIP',
      `--kubelet-client-certificate=${pki.kubeletClientCert}`, `--kubelet-client-key=${pki.kubeletClientKey}`,
      // Request-header authentication, which the controller manager's delegated authentication reads.
      `--requestheader-client-ca-file=${pki.frontProxyCaCert}`, '--requestheader-allowed-names=front-proxy-client',
      '--requestheader-username-headers=X-Remote-User', '--requestheader-group-headers=X-Remote-Group',
      '--requestheader-extra-headers-prefix=X-Remote-Extra-',
      `--proxy-client-cert-file=${pki.frontProxyClientCert}`, `--proxy-client-key-file=${pki.frontProxyClientKey}`,
      '--allow-privileged=true',
      `--audit-policy-file=${layout.auditPolicy}`, `--audit-log-path=${layout.auditLog}`, '--audit-log-format=json',
      '--audit-log-maxsize=200', '--audit-log-maxbackup=1',
      '--profiling=false',
    ]),
    'kube-controller-manager': command('kube-controller-manager', binaries.kubeControllerManager, [
      `--kubeconfig=${layout.controllerManagerKubeconfig}`,
      `--authentication-kubeconfig=${layout.controllerManagerKubeconfig}`,
      `--authorization-kubeconfig=${layout.controllerManagerKubeconfig}`,
      // Each controller acts as its own service account, so RBAC applies to it as in a real cluster.
      '--use-service-account-credentials=true',
      '--leader-elect=false', '--controllers=*',
      '--bind-address=127.0.0.1', `--secure-port=${ports.controllerManager}`,
      `--service-account-private-key-file=${pki.serviceAccountKey}`, `--root-ca-file=${pki.caCert}`,
      `--cluster-signing-cert-file=${pki.caCert}`, `--cluster-signing-key-file=${pki.caKey}`,
      '--profiling=false',
    ]),
    'node-agent': agentCommand(layout),
  };
}

/** The node agent needs only the state layout, so it can be started alone next to a running control plane. */
export function agentCommand(layout: StateLayout): ComponentCommand {
  return {
    name: 'node-agent', command: process.execPath, logFile: logPath(layout, 'node-agent'),
    args: [agentEntryPoint(), '--kubeconfig', layout.adminKubeconfig, '--state-dir', layout.agentState, '--node-name', nodeName],
  };
}
