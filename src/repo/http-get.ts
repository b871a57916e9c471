// Fetches one URL as helm's HTTP getter does: basic auth only towards the repository's own
// scheme and host unless credentials pass to all hosts, the TLS files and skip-verify flag,
// a whole-request timeout, and helm's error texts (naming the URL) for failures.
import { readFileSync } from 'node:fs';
import type { RequestOptions } from 'node:https';

export interface HttpGetOptions {
  /** The repository URL the credentials belong to; they go only to its scheme and host. */
  credentialsUrl?: string;
  username?: string;
  password?: string;
  passCredentialsAll?: boolean;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  insecureSkipTlsVerify?: boolean;
  /** Milliseconds for the whole request; helm's default is 120 s. */
  timeoutMs?: number;
  accept?: string;
}

export const DEFAULT_HTTP_TIMEOUT_MS = 120_000;
const MAX_REDIRECTS = 10;
const USER_AGENT = 'Helm/4.1.4';

function sameOrigin(a: URL, b: URL): boolean {
  return a.protocol === b.protocol && a.host === b.host;
}

function readFileFor(flag: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new Error(`can't create TLS config for client: ${flag} ${path}: ${(err as Error).message}`);
  }
}

function tlsOptions(o: HttpGetOptions): RequestOptions {
  const options: RequestOptions = { rejectUnauthorized: !o.insecureSkipTlsVerify };
  if (o.caFile) options.ca = readFileFor('--ca-file', o.caFile);
  if (o.certFile && o.keyFile) {
    options.cert = readFileFor('--cert-file', o.certFile);
    options.key = readFileFor('--key-file', o.keyFile);
  }
  return options;
}

const UNKNOWN_AUTHORITY = new Set(['SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY']);

// Go's net/http and crypto/tls error texts, e.g. "dial tcp 127.0.0.1:1: connect: connection refused".
function transportError(url: URL, err: NodeJS.ErrnoException & { reason?: string }): string {
  const address = `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
  const alert = /^ERR_SSL_TLSV1\d?_ALERT_(\w+)$|^ERR_SSL_SSLV3_ALERT_(\w+)$/.exec(err.code ?? '');
  if (alert) return `remote error: tls: ${(alert[1] ?? alert[2]).toLowerCase().replaceAll('_', ' ')}`;
  if (UNKNOWN_AUTHORITY.has(err.code ?? '')) return 'tls: failed to verify certificate: x509: certificate signed by unknown authority';
  switch (err.code) {
    case 'ECONNREFUSED': return `dial tcp ${address}: connect: connection refused`;
    case 'ENOTFOUND': return `dial tcp: lookup ${url.hostname}: no such host`;
    case 'ECONNRESET': return 'connection reset by peer';
    case 'CERT_HAS_EXPIRED': return 'tls: failed to verify certificate: x509: certificate has expired or is not yet valid';
    case 'ERR_TLS_CERT_ALTNAME_INVALID': return `tls: failed to verify certificate: x509: ${err.reason ?? err.message}`;
    default: return /certificate|SSL|TLS/i.test(err.message) ? `tls: ${err.message}` : err.message;
  }
}

/** The body of a 200 response to GET `href`; throws helm's error text otherwise. */
export async function httpGet(href: string, o: HttpGetOptions = {}): Promise<Buffer> {
  // Node's HTTP stack is loaded on first use: a command that fetches nothing (template of a
  // local chart) does not pay its start-up cost.
  const [http, https] = await Promise.all([import('node:http'), import('node:https')]);
  const deadline = Date.now() + (o.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS);
  const credentialsOrigin = o.credentialsUrl ? new URL(o.credentialsUrl) : undefined;
  const attempt = (target: URL, redirects: number): Promise<Buffer> => new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'User-Agent': USER_AGENT };
    if (o.accept) headers.Accept = o.accept;
    const allowed = o.passCredentialsAll || (credentialsOrigin !== undefined && sameOrigin(credentialsOrigin, target));
    if (allowed && o.username && o.password) {
      headers.Authorization = `Basic ${Buffer.from(`${o.username}:${o.password}`).toString('base64')}`;
    }
    const fail = (reason: string) => reject(new Error(`Get ${JSON.stringify(href)}: ${reason}`));
    const client = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : undefined;
    if (!client) return fail(`unsupported protocol scheme ${JSON.stringify(target.protocol.replace(/:$/, ''))}`);
    let options: RequestOptions;
    try {
      options = target.protocol === 'https:' ? tlsOptions(o) : {};
    } catch (err) {
      return reject(err);
    }
    const remaining = deadline - Date.now();
    const req = client.get(target, { ...options, headers, timeout: remaining }, (res) => {
      const status = res.statusCode ?? 0;
      if ([301, 302, 303, 307, 308].includes(status) && res.headers.location) {
        res.resume();
        if (redirects >= MAX_REDIRECTS) return fail('stopped after 10 redirects');
        attempt(new URL(res.headers.location, target), redirects + 1).then(resolve, reject);
        return;
      }
      if (status !== 200) {
        res.resume();
        return reject(new Error(`failed to fetch ${href} : ${status} ${res.statusMessage ?? ''}`.trimEnd()));
      }
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks)));
      res.on('error', (err) => fail(err.message));
    });
    const timer = setTimeout(() => req.destroy(Object.assign(new Error('timeout'), { code: 'HOOKLINE_TIMEOUT' })), remaining);
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'HOOKLINE_TIMEOUT' })));
    req.on('close', () => clearTimeout(timer));
    req.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (err.code === 'HOOKLINE_TIMEOUT') fail('context deadline exceeded (Client.Timeout exceeded while awaiting headers)');
      else fail(transportError(target, err));
    });
  });
  return attempt(new URL(href), 0);
}
