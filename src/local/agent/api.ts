// A minimal Kubernetes REST client for the node agent: kubeconfig (client certificate or token) loading,
// JSON requests and line-delimited watch streams. The agent runs as its own process, so it keeps this small.
import { readFileSync } from 'node:fs';
import { request as httpsRequest, Agent } from 'node:https';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';

export type KubeObject = Record<string, any>;
export type WatchEvent = { type: string; object: KubeObject };

export class ApiError extends Error {
  readonly status: number;
  readonly reason: string;
  constructor(status: number, reason: string, message: string) {
    super(message);
    this.status = status;
    this.reason = reason;
  }
}

export class ApiClient {
  readonly server: URL;
  private readonly agent: Agent;
  private readonly token: string | undefined;

  constructor(kubeconfigPath: string, contextName?: string) {
    const text = readFileSync(kubeconfigPath, 'utf8');
    const config = parseYaml(text) as KubeObject;
    const base = dirname(resolve(kubeconfigPath));
    const ctxName = contextName ?? config['current-context'];
    const context = (config.contexts ?? []).find((c: KubeObject) => c.name === ctxName)?.context;
    if (!context) throw new Error(`kubeconfig ${kubeconfigPath}: context "${ctxName}" not found; pass --context or set current-context`);
    const cluster = (config.clusters ?? []).find((c: KubeObject) => c.name === context.cluster)?.cluster;
    const user = (config.users ?? []).find((u: KubeObject) => u.name === context.user)?.user ?? {};
    if (!cluster?.server) throw new Error(`kubeconfig ${kubeconfigPath}: cluster "${context.cluster}" has no server`);
    const material = (data: string | undefined, file: string | undefined): Buffer | undefined =>
      data ? Buffer.from(data, 'base64') : file ? readFileSync(resolve(base, file)) : undefined;
    this.server = new URL(cluster.server);
    this.token = user.token;
    this.agent = new Agent({
      keepAlive: true,
      ca: material(cluster['certificate-authority-data'], cluster['certificate-authority']),
      cert: material(user['client-certificate-data'], user['client-certificate']),
      key: material(user['client-key-data'], user['client-key']),
      rejectUnauthorized: !cluster['insecure-skip-tls-verify'],
    });
  }

  private open(method: string, path: string, body: unknown, contentType: string, signal?: AbortSignal) {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (payload) Object.assign(headers, { 'Content-Type': contentType, 'Content-Length': String(payload.length) });
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    const req = httpsRequest(new URL(path, this.server), { method, headers, agent: this.agent, signal });
    req.end(payload);
    return req;
  }

  /** Sends one request and returns the decoded JSON body; non-2xx answers throw ApiError. */
  request(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<KubeObject> {
    return new Promise((resolvePromise, reject) => {
      const req = this.open(method, path, body, contentType);
      req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${path}: no answer within 30s`)));
      req.on('error', reject);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: KubeObject = {};
          try { parsed = text ? JSON.parse(text) : {}; } catch { parsed = { message: text }; }
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolvePromise(parsed);
          else reject(new ApiError(status, parsed.reason ?? '', `${method} ${path}: ${status} ${parsed.message ?? text}`));
        });
      });
    });
  }

  /** Streams watch events until the server ends the watch or the signal aborts. */
  async *watch(path: string, signal: AbortSignal): AsyncGenerator<WatchEvent> {
    const req = this.open('GET', path, undefined, '', signal);
    const res = await new Promise<import('node:http').IncomingMessage>((ok, fail) => {
      req.on('response', ok);
      req.on('error', fail);
    });
    if ((res.statusCode ?? 0) >= 300) {
      res.resume();
      throw new ApiError(res.statusCode ?? 0, '', `watch ${path}: HTTP ${res.statusCode}`);
    }
    let pending = '';
    try {
      for await (const chunk of res) {
        pending += chunk.toString('utf8');
        let newline: number;
        while ((newline = pending.indexOf('\n')) >= 0) {
          const line = pending.slice(0, newline).trim();
          pending = pending.slice(newline + 1);
          if (line) yield JSON.parse(line) as WatchEvent;
        }
      }
    } catch (err) {
      if (!signal.aborted) throw err;
    }
  }

  close(): void {
    this.agent.destroy();
  }
}
