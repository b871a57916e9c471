// Reads the kubeconfig as kubectl does (--kubeconfig, else the KUBECONFIG list, else
// ~/.kube/config) and resolves one context into what a client needs to connect.
import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';

export interface KubeConnection {
  server: string;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  token?: string;
  insecureSkipTLSVerify?: boolean;
  /** Server name for the certificate check (and SNI) instead of the server's host. */
  tlsServerName?: string;
  /** Impersonate-User / Impersonate-Group (helm's --kube-as-user, --kube-as-group). */
  impersonateUser?: string;
  impersonateGroups?: string[];
  namespace: string;
  contextName: string;
}

/** Command-line overrides of the kubeconfig, as kubectl's and helm's --kube-* flags give them. */
export interface KubeOverrides {
  server?: string;
  token?: string;
  caFile?: string;
  insecureSkipTLSVerify?: boolean;
  tlsServerName?: string;
  impersonateUser?: string;
  impersonateGroups?: string[];
}

function applyOverrides(connection: KubeConnection, o: KubeOverrides): KubeConnection {
  const out = { ...connection };
  if (o.server) out.server = o.server.replace(/\/+$/, '');
  if (o.token) out.token = o.token;
  if (o.caFile) out.ca = readRelative(o.caFile, process.cwd(), '--kube-ca-file');
  if (o.insecureSkipTLSVerify) out.insecureSkipTLSVerify = true;
  if (o.tlsServerName) out.tlsServerName = o.tlsServerName;
  if (o.impersonateUser) out.impersonateUser = o.impersonateUser;
  if (o.impersonateGroups?.length) out.impersonateGroups = o.impersonateGroups;
  return out;
}

interface Named<T> { name: string; [k: string]: unknown; cluster?: T; user?: T; context?: T }
interface RawConfig {
  'current-context'?: string;
  clusters?: Named<Record<string, any>>[];
  users?: Named<Record<string, any>>[];
  contexts?: Named<Record<string, any>>[];
}

export class KubeConfigError extends Error {}

function configFiles(explicit?: string): string[] {
  if (explicit) return [explicit];
  const env = process.env.KUBECONFIG;
  if (env) return env.split(delimiter).filter(Boolean);
  return [join(homedir(), '.kube', 'config')];
}

/** Loads and merges kubeconfig files; the first file that defines a name wins, as in kubectl. */
function loadMerged(files: string[]): { config: RawConfig; baseOf: Map<object, string> } {
  const merged: Required<Pick<RawConfig, 'clusters' | 'users' | 'contexts'>> & RawConfig = { clusters: [], users: [], contexts: [] };
  const baseOf = new Map<object, string>();
  for (const file of files) {
    if (!existsSync(file)) {
      if (files.length === 1) throw new KubeConfigError(`kubeconfig ${file} does not exist; pass --kubeconfig, set KUBECONFIG, or start a local cluster with 'hookline local up'`);
      continue;
    }
    let raw: RawConfig;
    try {
      raw = (parseYaml(readFileSync(file, 'utf8')) ?? {}) as RawConfig;
    } catch (err) {
      throw new KubeConfigError(`kubeconfig ${file} is not valid YAML: ${(err as Error).message}`);
    }
    merged['current-context'] ??= raw['current-context'];
    for (const kind of ['clusters', 'users', 'contexts'] as const) {
      for (const entry of raw[kind] ?? []) {
        if (merged[kind].some((e) => e.name === entry.name)) continue;
        merged[kind].push(entry);
        baseOf.set(entry, dirname(resolve(file)));
      }
    }
  }
  return { config: merged, baseOf };
}

/** A file named in a kubeconfig; a relative path is relative to the file that names it. */
function readRelative(path: string, base: string, field: string): Buffer {
  const full = isAbsolute(path) ? path : join(base, path);
  try {
    return readFileSync(full);
  } catch (err) {
    throw new KubeConfigError(`cannot read ${field} ${full}: ${(err as Error).message}`);
  }
}

function readData(entry: Record<string, any>, dataKey: string, fileKey: string, base: string): Buffer | undefined {
  if (entry[dataKey]) return Buffer.from(String(entry[dataKey]), 'base64');
  return entry[fileKey] ? readRelative(entry[fileKey], base, fileKey) : undefined;
}

/** Runs a user's exec credential plugin (as for EKS or GKE) and returns its ExecCredential status. */
function execCredential(userName: string, exec: Record<string, any>, base: string): { token?: string; cert?: Buffer; key?: Buffer } {
  const command = String(exec.command ?? '');
  if (!command) throw new KubeConfigError(`user "${userName}": exec credential plugin has no command`);
  // As in client-go: a command with a slash but not absolute is relative to the kubeconfig's directory.
  const resolved = command.includes('/') && !isAbsolute(command) ? join(base, command) : command;
  const apiVersion = exec.apiVersion ?? 'client.authentication.k8s.io/v1';
  const env: NodeJS.ProcessEnv = { ...process.env, KUBERNETES_EXEC_INFO: JSON.stringify({ apiVersion, kind: 'ExecCredential', spec: { interactive: false } }) };
  for (const { name, value } of exec.env ?? []) env[name] = value;
  let output: string;
  try {
    output = execFileSync(resolved, (exec.args ?? []).map(String), { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  } catch (err) {
    const hint = exec.installHint ? `\n${exec.installHint}` : '';
    throw new KubeConfigError(`user "${userName}": exec credential plugin ${resolved} failed: ${(err as Error).message}${hint}`);
  }
  let status: Record<string, any>;
  try {
    status = JSON.parse(output).status ?? {};
  } catch {
    throw new KubeConfigError(`user "${userName}": exec credential plugin ${resolved} did not print an ExecCredential JSON object`);
  }
  return {
    token: status.token,
    cert: status.clientCertificateData ? Buffer.from(status.clientCertificateData) : undefined,
    key: status.clientKeyData ? Buffer.from(status.clientKeyData) : undefined,
  };
}

export function loadKubeConfig(options: { kubeconfig?: string; context?: string; overrides?: KubeOverrides }): KubeConnection {
  const overrides = options.overrides ?? {};
  const files = configFiles(options.kubeconfig);
  // An API server given on the command line needs no kubeconfig at all.
  if (overrides.server && !files.some((f) => existsSync(f))) {
    return applyOverrides({ server: overrides.server, namespace: 'default', contextName: '' }, overrides);
  }
  return applyOverrides(connectionFrom(files, options.context), overrides);
}

/** The namespace of the kubeconfig's context, without reading any credentials; undefined when there is none. */
export function contextNamespace(options: { kubeconfig?: string; context?: string }): string | undefined {
  try {
    const { config } = loadMerged(configFiles(options.kubeconfig));
    const name = options.context ?? config['current-context'];
    return config.contexts?.find((c) => c.name === name)?.context?.namespace;
  } catch {
    return undefined;
  }
}

function connectionFrom(files: string[], contextOption: string | undefined): KubeConnection {
  const { config, baseOf } = loadMerged(files);
  const contextName = contextOption ?? config['current-context'];
  if (!contextName) throw new KubeConfigError(`no current context in ${files.join(', ')}; pass --kube-context`);
  const context = config.contexts?.find((c) => c.name === contextName);
  if (!context?.context) throw new KubeConfigError(`context "${contextName}" not found in ${files.join(', ')}`);
  const cluster = config.clusters?.find((c) => c.name === context.context!.cluster);
  if (!cluster?.cluster?.server) throw new KubeConfigError(`cluster "${context.context.cluster}" of context "${contextName}" not found or has no server`);
  const user = config.users?.find((u) => u.name === context.context!.user);
  const clusterBase = baseOf.get(cluster) ?? process.cwd();
  const userBase = user ? baseOf.get(user) ?? process.cwd() : process.cwd();
  const u = user?.user ?? {};
  let token: string | undefined = u.token;
  if (!token && u.tokenFile) token = readRelative(u.tokenFile, userBase, 'tokenFile').toString('utf8').trim();
  let cert = readData(u, 'client-certificate-data', 'client-certificate', userBase);
  let key = readData(u, 'client-key-data', 'client-key', userBase);
  if (u['auth-provider']) {
    throw new KubeConfigError(`user "${user!.name}" uses the removed auth-provider "${u['auth-provider'].name}"; switch it to an exec credential plugin as kubectl requires`);
  }
  if (!token && !cert && u.exec) ({ token, cert, key } = execCredential(user!.name, u.exec, userBase));
  if (Boolean(cert) !== Boolean(key)) {
    throw new KubeConfigError(`user "${user!.name}" of context "${contextName}" has a client certificate without a key or a key without a certificate`);
  }
  return {
    server: String(cluster.cluster.server).replace(/\/+$/, ''),
    ca: readData(cluster.cluster, 'certificate-authority-data', 'certificate-authority', clusterBase),
    cert,
    key,
    token,
    insecureSkipTLSVerify: cluster.cluster['insecure-skip-tls-verify'] === true,
    namespace: context.context.namespace ?? 'default',
    contextName,
  };
}
