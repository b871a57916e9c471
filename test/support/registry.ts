// A real OCI registry for the tests: the distribution registry built by registry/build.sh
// (once per version, into the user's cache), started on a free 127.0.0.1 port either with TLS
// (a CA made here with openssl) and htpasswd basic auth, or as plain HTTP without auth.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { request as plainRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import bcrypt from 'bcryptjs';
import { freePort } from '../../scripts/lesson-services.ts';
import type { TokenRequest } from './token-server.ts';

export interface TestRegistry {
  /** host:port, as an oci:// reference and `registry login` name it. */
  host: string;
  /** The CA bundle to pass with --ca-file (TLS registries only). */
  caFile?: string;
  /** A client certificate and key the CA signed, for --cert-file/--key-file. */
  clientCertFile?: string;
  clientKeyFile?: string;
  username?: string;
  password?: string;
  /** A scratch folder that lives as long as the registry (for charts, configs, caches). */
  workDir: string;
  /** Token auth only: the refresh token (identity token) the token server accepts. */
  refreshToken?: string;
  /** Token auth only: the requests the token server answered so far, oldest first. */
  tokenRequests?(): TokenRequest[];
  /** Token auth only: whether the token server answers OAuth2 POSTs (it does at first). */
  setOAuth2?(enabled: boolean): void;
  stop(): Promise<void>;
}

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The registry binary; builds it from the Go module proxy on first use. */
export function registryBinary(): string {
  const script = join(repoRoot, 'registry', 'build.sh');
  const result = spawnSync('bash', [script], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`registry/build.sh exited with ${result.status ?? result.signal}: ${(result.stderr ?? '').trim().split('\n').slice(-15).join('\n')}`);
  }
  return result.stdout.trim().split('\n').pop()!;
}

function makeCertificates(dir: string) {
  const file = (name: string) => join(dir, name);
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  openssl(['req', '-x509', ...key, '-keyout', file('ca.key'), '-out', file('ca.crt'), '-days', '30', '-subj', '/CN=hookline-test-registry-ca',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  openssl(['req', '-x509', ...key, '-keyout', file('server.key'), '-out', file('server.crt'), '-days', '30', '-subj', '/CN=127.0.0.1',
    '-CA', file('ca.crt'), '-CAkey', file('ca.key'), '-addext', 'basicConstraints=critical,CA:FALSE',
    '-addext', 'extendedKeyUsage=serverAuth', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost']);
  openssl(['req', '-x509', ...key, '-keyout', file('client.key'), '-out', file('client.crt'), '-days', '30', '-subj', '/CN=hookline-test-client',
    '-CA', file('ca.crt'), '-CAkey', file('ca.key'), '-addext', 'basicConstraints=critical,CA:FALSE', '-addext', 'extendedKeyUsage=clientAuth']);
  return { caFile: file('ca.crt'), certFile: file('server.crt'), keyFile: file('server.key'), clientCertFile: file('client.crt'), clientKeyFile: file('client.key') };
}

/** Resolves once the registry answers /v2/ (401 with auth on, 200 without). */
async function waitReady(host: string, files: { caFile?: string; clientCertFile?: string; clientKeyFile?: string }, child: ChildProcess, log: () => string): Promise<void> {
  const read = (path: string | undefined) => (path ? readFileSync(path) : undefined);
  const [ca, cert, key] = [read(files.caFile), read(files.clientCertFile), read(files.clientKeyFile)];
  const probe = () => new Promise<boolean>((resolve) => {
    const req = (ca ? request : plainRequest)(`${ca ? 'https' : 'http'}://${host}/v2/`, { ca, cert, key, timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200 || res.statusCode === 401);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the test registry exited with ${child.exitCode}:\n${log()}`);
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the test registry on ${host} did not answer /v2/ within 30 s:\n${log()}`);
}

/** Starts the token server beside a registry; resolves once it listens. */
async function startTokenServer(config: Record<string, unknown>): Promise<ChildProcess> {
  const script = join(repoRoot, 'test', 'support', 'token-server.ts');
  const child = spawn(process.execPath, [script, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the test token server exited with ${code}`)));
    child.stdout!.once('data', () => resolve());
  });
  child.removeAllListeners('exit');
  return child;
}

/**
 * Starts a registry. `secure` (the default) serves TLS with a fresh CA and requires the
 * returned user name and password, checked by htpasswd (Basic challenges) or, with
 * `auth: 'token'`, by a token server (Bearer challenges), and with `requireClientCertificate`
 * a client certificate the CA signed; `secure: false` serves plain HTTP to anyone.
 */
export async function startRegistry(options: { secure?: boolean; auth?: 'htpasswd' | 'token'; requireClientCertificate?: boolean } = {}): Promise<TestRegistry> {
  const secure = options.secure ?? true;
  const binary = registryBinary();
  const workDir = mkdtempSync(join(tmpdir(), 'hookline-registry-'));
  const stateDir = join(workDir, 'registry');
  mkdirSync(join(stateDir, 'storage'), { recursive: true });
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const username = 'hookline';
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  const lines = [
    'version: 0.1',
    'log:',
    '  level: warn',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${join(stateDir, 'storage')}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: ${host}`,
    `  secret: ${Math.random().toString(36).slice(2)}`,
  ];
  let caFile: string | undefined;
  let clientFiles: { clientCertFile?: string; clientKeyFile?: string } = {};
  let tokenServer: ChildProcess | undefined;
  let tokenExtras: Pick<TestRegistry, 'refreshToken' | 'tokenRequests' | 'setOAuth2'> = {};
  if (secure) {
    const certs = makeCertificates(stateDir);
    caFile = certs.caFile;
    clientFiles = { clientCertFile: certs.clientCertFile, clientKeyFile: certs.clientKeyFile };
    lines.push('  tls:', `    certificate: ${certs.certFile}`, `    key: ${certs.keyFile}`);
    if (options.requireClientCertificate) lines.push('    clientcas:', `      - ${certs.caFile}`, '    clientauth: require-and-verify-client-cert');
    if (options.auth === 'token') {
      const signingKey = join(stateDir, 'signer.key');
      const signingCert = join(stateDir, 'signer.crt');
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', signingKey,
        '-out', signingCert, '-days', '30', '-subj', '/CN=hookline-test-token-signer'], { stdio: ['ignore', 'ignore', 'pipe'] });
      const tokenPort = await freePort();
      const issuer = 'hookline-test-issuer';
      const service = 'hookline-test-registry';
      const refreshToken = `rt-${Math.random().toString(36).slice(2)}`;
      const requestLog = join(stateDir, 'token-requests.jsonl');
      const noOAuth2 = join(stateDir, 'token-no-oauth2');
      writeFileSync(requestLog, '');
      tokenServer = await startTokenServer({ port: tokenPort, tlsCert: certs.certFile, tlsKey: certs.keyFile, signingKey, signingCert, issuer, service,
        username, password, refreshToken, requestLog, noOAuth2 });
      tokenExtras = {
        refreshToken,
        tokenRequests: () => readFileSync(requestLog, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as TokenRequest),
        setOAuth2: (enabled: boolean) => (enabled ? rmSync(noOAuth2, { force: true }) : writeFileSync(noOAuth2, '')),
      };
      lines.push('auth:', '  token:', `    realm: https://127.0.0.1:${tokenPort}/token`, `    service: ${service}`, `    issuer: ${issuer}`,
        `    rootcertbundle: ${signingCert}`);
    } else {
      const htpasswd = join(stateDir, 'htpasswd');
      // The registry provisions a random user when the file is missing: write it first.
      writeFileSync(htpasswd, `${username}:${bcrypt.hashSync(password, 10)}\n`);
      lines.push('auth:', '  htpasswd:', '    realm: hookline-test', `    path: ${htpasswd}`);
    }
  }
  const configFile = join(stateDir, 'config.yml');
  writeFileSync(configFile, lines.join('\n') + '\n');
  // Only what the registry needs: REGISTRY_* variables would override the config, and OTEL_*
  // ones would send traces somewhere.
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', OTEL_TRACES_EXPORTER: 'none', OTEL_SDK_DISABLED: 'true' };
  // The log goes to a file: a pipe would fill up (and stall the registry) while a test runs
  // the tools synchronously.
  const logFile = join(workDir, 'registry.log');
  const log = openSync(logFile, 'w');
  const child = spawn(binary, ['serve', configFile], { env, stdio: ['ignore', log, log] });
  closeSync(log);
  const stop = async () => {
    for (const proc of [child, tokenServer]) {
      if (proc && proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await exited;
      }
    }
    rmSync(workDir, { recursive: true, force: true });
  };
  // A test process that dies without running its after() hooks takes its registry with it.
  process.once('exit', () => {
    child.kill('SIGTERM');
    tokenServer?.kill('SIGTERM');
  });
  try {
    await waitReady(host, { caFile, ...clientFiles }, child, () => readFileSync(logFile, 'utf8').trim().split('\n').slice(-20).join('\n'));
  } catch (err) {
    await stop();
    throw err;
  }
  return secure ? { host, caFile, ...clientFiles, username, password, workDir, stop, ...tokenExtras } : { host, workDir, stop };
}
