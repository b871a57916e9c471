// One HTTP(S) request to a registry with the TLS options helm takes (--ca-file, --cert-file,
// --key-file, --insecure-skip-tls-verify) and a timeout; the whole body is read into memory,
// as charts are small (helm reads them whole too).
import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';

export interface TlsOptions {
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  insecureSkipTlsVerify?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: Buffer;
}

/** Time allowed for a connection to open and for each pause while it transfers. */
export const REQUEST_TIMEOUT_MS = 30_000;

function readTlsFile(path: string | undefined, flag: string): Buffer | undefined {
  if (!path) return undefined;
  try {
    return readFileSync(path);
  } catch (err) {
    throw new Error(`${flag} ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
}

/** Loads the TLS files once, so a bad path fails before anything is sent. */
export function tlsSettings(tls: TlsOptions): { ca?: Buffer; cert?: Buffer; key?: Buffer; rejectUnauthorized: boolean } {
  return {
    ca: readTlsFile(tls.caFile, '--ca-file'),
    cert: readTlsFile(tls.certFile, '--cert-file'),
    key: readTlsFile(tls.keyFile, '--key-file'),
    rejectUnauthorized: !tls.insecureSkipTlsVerify,
  };
}

/** Network and TLS failures in words, rather than OpenSSL's error strings. */
function describe(err: NodeJS.ErrnoException, url: URL): string {
  if (err.code === 'ECONNREFUSED') return `connection refused (is the registry running at ${url.host}?)`;
  if (/CERTIFICATE_REQUIRED/.test(err.code ?? '')) return 'the server requires a client certificate: pass --cert-file and --key-file';
  if (err.code?.startsWith('ERR_SSL_')) return `TLS handshake failed (${err.code})`;
  return err.message;
}

export async function send(req: HttpRequest, tls: ReturnType<typeof tlsSettings>, timeoutMs = REQUEST_TIMEOUT_MS): Promise<HttpResponse> {
  // Loaded on first use, so commands that reach no registry do not load Node's HTTP stack.
  const [{ request: httpRequest }, { request: httpsRequest }] = await Promise.all([import('node:http'), import('node:https')]);
  const url = new URL(req.url);
  const headers = { 'User-Agent': 'Hookline', ...req.headers, ...(req.body ? { 'Content-Length': String(req.body.length) } : {}) };
  return new Promise((resolve, reject) => {
    const fail = (why: string) => reject(new Error(`${req.method} "${req.url}": ${why}`));
    const options = { method: req.method, headers, timeout: timeoutMs };
    const r = url.protocol === 'https:'
      ? httpsRequest(url, { ...options, ...tls })
      : httpRequest(url, options);
    r.on('timeout', () => r.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    r.on('error', (err: NodeJS.ErrnoException) => fail(describe(err, url)));
    r.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (err) => fail(err.message));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    r.end(req.body);
  });
}
