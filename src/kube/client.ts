// A small Kubernetes REST client on node:https: JSON requests, raw bodies, line-delimited
// watches and streams (logs). The API surface Hookline needs is small; a full client library
// would add start-up time to every CLI call, which is benchmarked against helm.
import { Agent, request as httpsRequest } from 'node:https';
import { request as httpRequest, Agent as HttpAgent, type ClientRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { StringDecoder } from 'node:string_decoder';
import type { KubeConnection } from './config.ts';
import { retryWindowMs, withRetries } from './retry.ts';
import type { RequestThrottle } from './throttle.ts';

/** Go's http.Transport TLSHandshakeTimeout, which helm's client inherits. */
const tlsHandshakeTimeoutMs = 10_000;

export type Query = Record<string, string | number | boolean | undefined>;

export interface RequestOptions {
  body?: unknown;
  contentType?: string;
  query?: Query;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Accept header; JSON by default (server-side tables use application/json;as=Table;...). */
  accept?: string;
  /** A POST sent again after a broken connection too: the caller takes a 409 AlreadyExists as possibly its own. */
  retryCreate?: boolean;
}

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: any;
}

/** An error answered by the API server, carrying its Status (reason, code) and message. */
export class KubeApiError extends Error {
  readonly status: number;
  readonly reason: string;
  readonly body: unknown;
  constructor(status: number, reason: string, message: string, body: unknown) {
    super(message);
    this.status = status;
    this.reason = reason;
    this.body = body;
  }
}

/** Go's net.Dial errors for the connection failures that mean the server is not there. */
const dialFailures: Record<string, (url: URL) => string> = {
  ECONNREFUSED: (url) => `dial tcp ${hostPort(url)}: connect: connection refused`,
  EHOSTUNREACH: (url) => `dial tcp ${hostPort(url)}: connect: no route to host`,
  ENOTFOUND: (url) => `dial tcp: lookup ${url.hostname}: no such host`,
};

type TlsError = NodeJS.ErrnoException & { cert?: { subjectaltname?: string } };

const unknownAuthority = new Set(['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY']);

/** Go's x509 words for the certificate checks helm users meet: an unknown CA, a name the certificate is not for. */
function goTlsFailure(err: TlsError, host: string): string | undefined {
  if (unknownAuthority.has(err.code ?? '')) return 'x509: certificate signed by unknown authority';
  if (err.code !== 'ERR_TLS_CERT_ALTNAME_INVALID') return undefined;
  // The name checked is the TLS server name when one is set (Node reports it in the message).
  const checked = /Host: (\S+?)\.? is not/.exec(err.message)?.[1] ?? host;
  const names = (err.cert?.subjectaltname ?? '').split(', ');
  const isIp = /^[\d.]+$|:/.test(checked);
  const valid = names.filter((n) => n.startsWith(isIp ? 'IP Address:' : 'DNS:')).map((n) => n.slice(n.indexOf(':') + 1));
  return `x509: certificate is valid for ${valid.join(', ')}, not ${checked}`;
}

function hostPort(url: URL): string {
  return `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
}

function queryString(query: Query | undefined): string {
  if (!query) return '';
  const parts = Object.entries(query).filter(([, v]) => v !== undefined).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

export class KubeClient {
  readonly connection: KubeConnection;
  private readonly url: URL;
  private readonly agent: Agent | HttpAgent;
  /** How long calls safe to repeat are retried while the server is away (an API server restart). */
  retryWindowMs = retryWindowMs();
  private reached = false;
  /** Client-side throttling (helm's --qps and --burst-limit); none when undefined. */
  private readonly throttle: RequestThrottle | undefined;

  constructor(connection: KubeConnection, throttle?: RequestThrottle) {
    this.connection = connection;
    this.throttle = throttle;
    this.url = new URL(connection.server);
    this.agent = this.url.protocol === 'https:'
      ? new Agent({ keepAlive: true, ca: connection.ca, cert: connection.cert, key: connection.key, rejectUnauthorized: !connection.insecureSkipTLSVerify, servername: connection.tlsServerName })
      : new HttpAgent({ keepAlive: true });
  }

  private open(method: string, path: string, options: RequestOptions, accept = 'application/json'): Promise<IncomingMessage> {
    return withRetries(async () => {
      // Each attempt waits its turn, as client-go throttles each try of a request.
      await this.throttle?.wait(options.signal);
      const res = await this.send(method, path, options, accept);
      this.reached = true;
      return res;
    }, {
      method, repeatable: options.retryCreate === true, server: this.connection.server, windowMs: this.retryWindowMs, signal: options.signal, reachedBefore: () => this.reached,
    });
  }

  /** One attempt of a request. */
  private send(method: string, path: string, options: RequestOptions, accept: string, retried = false): Promise<IncomingMessage> {
    const body = options.body === undefined ? undefined
      : typeof options.body === 'string' || Buffer.isBuffer(options.body) ? options.body : JSON.stringify(options.body);
    const headers: Record<string, string> = { Accept: accept, 'User-Agent': 'hookline' };
    if (body !== undefined) {
      headers['Content-Type'] = options.contentType ?? (method === 'PATCH' ? 'application/merge-patch+json' : 'application/json');
      headers['Content-Length'] = String(Buffer.byteLength(body));
    }
    if (this.connection.token) headers.Authorization = `Bearer ${this.connection.token}`;
    const impersonation: Record<string, string | string[]> = {};
    if (this.connection.impersonateUser) impersonation['Impersonate-User'] = this.connection.impersonateUser;
    if (this.connection.impersonateGroups?.length) impersonation['Impersonate-Group'] = this.connection.impersonateGroups;
    const send = this.url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send({
        protocol: this.url.protocol, hostname: this.url.hostname, port: this.url.port,
        path: `${this.url.pathname.replace(/\/$/, '')}${path}${queryString(options.query)}`,
        method, headers: { ...headers, ...impersonation }, agent: this.agent, signal: options.signal, timeout: options.timeoutMs,
      }, resolve);
      req.on('timeout', () => req.destroy(new Error(`request to ${this.connection.server} timed out after ${options.timeoutMs} ms`)));
      if (this.url.protocol === 'https:') this.limitHandshake(req, method, path);
      req.on('error', (err: NodeJS.ErrnoException) => {
        // A kept-alive connection the server closed while idle: the request never reached it,
        // so it is sent once more on a new connection (as Go's transport does).
        if (req.reusedSocket && err.code === 'ECONNRESET' && !retried && !options.signal?.aborted) {
          resolve(this.send(method, path, options, accept, true));
          return;
        }
        const tlsFailure = goTlsFailure(err as TlsError, this.url.hostname);
        if (tlsFailure) {
          reject(Object.assign(new Error(`${method[0]}${method.slice(1).toLowerCase()} "${this.connection.server.replace(/\/$/, '')}${path}${queryString(options.query)}": tls: failed to verify certificate: ${tlsFailure}`), { code: err.code }));
          return;
        }
        const dialFailure = dialFailures[err.code ?? ''];
        if (dialFailure) {
          // Go's words for the failed dial, as helm prints them; the code stays on the error (a
          // refused connection to a server reached before is retried) and the hint is printed apart.
          const url = `${this.connection.server.replace(/\/$/, '')}${path}${queryString(options.query)}`;
          reject(Object.assign(new Error(`${method[0]}${method.slice(1).toLowerCase()} "${url}": ${dialFailure(this.url)}`), {
            code: err.code, hint: `is the cluster of context "${this.connection.contextName}" running? For the local cluster try 'hookline local up'`,
          }));
        } else {
          reject(err);
        }
      });
      if (body !== undefined) req.write(body);
      req.end();
    });
  }

  /**
   * A server that accepts the connection but never completes TLS fails after Go's
   * TLSHandshakeTimeout (10 s) with helm's words, instead of hanging the command.
   */
  private limitHandshake(req: ClientRequest, method: string, path: string): void {
    req.on('socket', (socket) => {
      if (req.reusedSocket) return;
      const timer = setTimeout(() => {
        const op = method[0] + method.slice(1).toLowerCase();
        req.destroy(new Error(`kubernetes cluster unreachable: ${op} "${this.connection.server}${path}": net/http: TLS handshake timeout`));
      }, tlsHandshakeTimeoutMs);
      timer.unref();
      socket.once('secureConnect', () => clearTimeout(timer));
      socket.once('close', () => clearTimeout(timer));
    });
  }

  async requestRaw(method: string, path: string, options: RequestOptions = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
    const res = await this.open(method, path, options, '*/*');
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    return { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) };
  }

  async request<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const res = await this.open(method, path, options, options.accept);
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const status = res.statusCode ?? 0;
    let parsed: any = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    if (status >= 400) {
      const message = typeof parsed === 'object' && parsed?.message ? parsed.message : `${method} ${path}: HTTP ${status} ${text.slice(0, 200)}`;
      throw new KubeApiError(status, parsed?.reason ?? '', message, parsed);
    }
    return parsed as T;
  }

  /** A response body as a stream (for example pod logs with follow=true). */
  async stream(path: string, query?: Query, signal?: AbortSignal): Promise<NodeJS.ReadableStream> {
    const res = await this.open('GET', path, { query, signal }, '*/*');
    if ((res.statusCode ?? 0) >= 400) {
      const chunks: Buffer[] = [];
      for await (const chunk of res) chunks.push(chunk as Buffer);
      const text = Buffer.concat(chunks).toString('utf8');
      let parsed: any;
      try { parsed = JSON.parse(text); } catch { parsed = undefined; }
      throw new KubeApiError(res.statusCode ?? 0, parsed?.reason ?? '', parsed?.message ?? text, parsed);
    }
    return res;
  }

  /** Watch events of a collection until the server ends the watch or the signal aborts. */
  async *watch(path: string, query: Query = {}, signal?: AbortSignal): AsyncIterable<WatchEvent> {
    let res: NodeJS.ReadableStream;
    try {
      res = await this.stream(path, { ...query, watch: true }, signal);
    } catch (err) {
      if (signal?.aborted) return;
      throw err;
    }
    // A decoder, so a multi-byte character split across chunks is not mangled.
    const decoder = new StringDecoder('utf8');
    let buffered = '';
    try {
      for await (const chunk of res) {
        buffered += decoder.write(chunk as Buffer);
        let newline: number;
        while ((newline = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, newline).trim();
          buffered = buffered.slice(newline + 1);
          if (line) yield JSON.parse(line) as WatchEvent;
        }
      }
    } catch (err) {
      if (signal?.aborted) return;
      throw err;
    }
  }

  /** Closes the keep-alive sockets, so a long-lived process (the node agent, a test) can end. */
  close(): void {
    this.agent.destroy();
  }
}
