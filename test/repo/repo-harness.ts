// Test support for chart repositories: a folder of charts that helm v4 itself packaged and
// indexed, served by a plain static file server (node:http or node:https, optional basic auth,
// certificates made with openssl), and runners for helm and Hookline with their own (or
// shared) HELM_CONFIG_HOME / HELM_CACHE_HOME / HELM_DATA_HOME.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { referenceTool } from '../support/reference-tools.ts';
import { runCli, type ProcessRun } from '../support/run-process.ts';

export const fixtureCharts = join(import.meta.dirname, '..', 'charts');

export type Run = ProcessRun;

/** helm's three home folders under one temp dir: separate per tool, or shared to prove interop. */
export function helmHomes(root: string): NodeJS.ProcessEnv {
  return { HELM_CONFIG_HOME: join(root, 'config'), HELM_CACHE_HOME: join(root, 'cache'), HELM_DATA_HOME: join(root, 'data') };
}

export const helm = (args: string[], env: NodeJS.ProcessEnv, cwd?: string, input?: string) => runCli('helm', args, { env, cwd, input });
export const hookline = (args: string[], env: NodeJS.ProcessEnv, cwd?: string, input?: string) => runCli('hookline', args, { env, cwd, input });

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `hookline-${prefix}-`));
}

/** Runs helm synchronously in `cwd` (for building fixtures). */
export function helmSync(args: string[], cwd?: string): string {
  return execFileSync(referenceTool('helm4'), args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...helmHomes(tempDir('helm-build')) } });
}

/**
 * A repository folder: render-basics 1.2.3, render-files, lifecycle-hooks at 0.1.0, 0.2.0
 * and 0.3.0-rc.1 (pre-release), all packaged by helm, index.yaml by `helm repo index`.
 */
export function buildRepositoryFolder(baseUrl?: string, dir = tempDir('chart-repo')): string {
  helmSync(['package', join(fixtureCharts, 'render-basics'), '-d', dir]);
  helmSync(['package', join(fixtureCharts, 'render-files'), '-d', dir]);
  for (const v of ['0.1.0', '0.2.0', '0.3.0-rc.1']) helmSync(['package', join(fixtureCharts, 'lifecycle-hooks'), '--version', v, '-d', dir]);
  helmSync(['repo', 'index', dir, ...(baseUrl ? ['--url', baseUrl] : [])]);
  return dir;
}

export interface ServerOptions {
  /** user:password the server demands (401 otherwise). */
  basicAuth?: string;
  tls?: Certificates;
  /** Ask for and verify a client certificate signed by the test CA. */
  requireClientCert?: boolean;
}

export interface StaticServer {
  url: string;
  /** The Authorization header of each request, by path. */
  requests: Array<{ path: string; authorization?: string }>;
  close(): Promise<void>;
}

/** A plain static file server over `root`. */
export async function serveFolder(root: string, options: ServerOptions = {}): Promise<StaticServer> {
  const requests: StaticServer['requests'] = [];
  const handler: http.RequestListener = (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push({ path, authorization: req.headers.authorization });
    if (options.basicAuth && req.headers.authorization !== `Basic ${Buffer.from(options.basicAuth).toString('base64')}`) {
      res.writeHead(401, 'Unauthorized', { 'WWW-Authenticate': 'Basic realm="charts"' }).end();
      return;
    }
    const file = join(root, normalize(path));
    try {
      if (!file.startsWith(root) || !statSync(file).isFile()) throw new Error('not a file');
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(readFileSync(file));
    } catch {
      res.writeHead(404, 'Not Found').end();
    }
  };
  const server = options.tls
    ? https.createServer({ key: readFileSync(options.tls.serverKey), cert: readFileSync(options.tls.serverCert), ca: readFileSync(options.tls.ca), requestCert: options.requireClientCert, rejectUnauthorized: options.requireClientCert }, handler)
    : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export interface Certificates { ca: string; serverCert: string; serverKey: string; clientCert: string; clientKey: string }

/** A test CA, a server certificate for 127.0.0.1 and a client certificate, made with openssl. */
export function makeCertificates(): Certificates {
  const dir = tempDir('certs');
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=hookline test CA');
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1\n');
  for (const who of ['server', 'client']) {
    ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${who}.key`, '-out', `${who}.csr`, '-subj', `/CN=${who}`);
    ssl('x509', '-req', '-in', `${who}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${who}.crt`, '-days', '2',
      ...(who === 'server' ? ['-extfile', 'server.ext'] : []));
  }
  return {
    ca: join(dir, 'ca.crt'), serverCert: join(dir, 'server.crt'), serverKey: join(dir, 'server.key'),
    clientCert: join(dir, 'client.crt'), clientKey: join(dir, 'client.key'),
  };
}

/** A copy of a folder (to give each tool the same starting files). */
export function copyFolder(from: string): string {
  const to = tempDir('copy');
  rmSync(to, { recursive: true });
  cpSync(from, to, { recursive: true });
  return to;
}

export function ensureDir(path: string): string {
  mkdirSync(path, { recursive: true });
  return path;
}

export interface TarEntry { name: string; data?: string | Buffer; type?: 'file' | 'symlink' | 'hardlink'; linkTarget?: string }

/** A gzipped tar written byte by byte, so that tests can make archives no packer would. */
export function gzipTar(entries: TarEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const data = e.data === undefined ? Buffer.alloc(0) : Buffer.from(e.data);
    const header = Buffer.alloc(512);
    header.write(e.name, 0, 100);
    header.write('0000644\0', 100);
    header.write('0000000\0', 108);
    header.write('0000000\0', 116);
    header.write(`${(e.type === 'file' || !e.type ? data.length : 0).toString(8).padStart(11, '0')}\0`, 124);
    header.write('00000000000\0', 136);
    header.write({ file: '0', hardlink: '1', symlink: '2' }[e.type ?? 'file'], 156);
    if (e.linkTarget) header.write(e.linkTarget, 157, 100);
    header.write('ustar\u000000', 257);
    header.fill(' ', 148, 156);
    let sum = 0;
    for (const b of header) sum += b;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(header);
    if (!e.type || e.type === 'file') blocks.push(data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}
