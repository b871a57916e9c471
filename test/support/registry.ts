// A real OCI registry for the tests: the distribution registry built by registry/build.sh
// (once per version, into the user's cache), started on a free 127.0.0.1 port either with TLS
// (a CA made here with openssl) and htpasswd basic auth, or as plain HTTP without auth.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { request as plainRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import bcrypt from 'bcryptjs';
import { freePort } from '../../scripts/lesson-services.ts';

export interface TestRegistry {
  /** host:port, as an oci:// reference and `registry login` name it. */
  host: string;
  /** The CA bundle to pass with --ca-file (TLS registries only). */
  caFile?: string;
  username?: string;
  password?: string;
  /** A scratch folder that lives as long as the registry (for charts, configs, caches). */
  workDir: string;
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

function makeCertificates(dir: string): { caFile: string; certFile: string; keyFile: string } {
  const file = (name: string) => join(dir, name);
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  openssl(['req', '-x509', ...key, '-keyout', file('ca.key'), '-out', file('ca.crt'), '-days', '30', '-subj', '/CN=hookline-test-registry-ca',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  openssl(['req', '-x509', ...key, '-keyout', file('server.key'), '-out', file('server.crt'), '-days', '30', '-subj', '/CN=127.0.0.1',
    '-CA', file('ca.crt'), '-CAkey', file('ca.key'), '-addext', 'basicConstraints=critical,CA:FALSE',
    '-addext', 'extendedKeyUsage=serverAuth', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost']);
  return { caFile: file('ca.crt'), certFile: file('server.crt'), keyFile: file('server.key') };
}

/** Resolves once the registry answers /v2/ (401 with auth on, 200 without). */
async function waitReady(host: string, caFile: string | undefined, child: ChildProcess, log: () => string): Promise<void> {
  const ca = caFile ? readFileSync(caFile) : undefined;
  const probe = () => new Promise<boolean>((resolve) => {
    const req = (ca ? request : plainRequest)(`${ca ? 'https' : 'http'}://${host}/v2/`, { ca, timeout: 1000 }, (res) => {
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

/**
 * Starts a registry. `secure` (the default) serves TLS with a fresh CA and requires the
 * returned user name and password; `secure: false` serves plain HTTP to anyone.
 */
export async function startRegistry(options: { secure?: boolean } = {}): Promise<TestRegistry> {
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
  if (secure) {
    const certs = makeCertificates(stateDir);
    caFile = certs.caFile;
    const htpasswd = join(stateDir, 'htpasswd');
    // The registry provisions a random user when the file is missing: write it first.
    writeFileSync(htpasswd, `${username}:${bcrypt.hashSync(password, 10)}\n`);
    lines.push('  tls:', `    certificate: ${certs.certFile}`, `    key: ${certs.keyFile}`,
      'auth:', '  htpasswd:', '    realm: hookline-test', `    path: ${htpasswd}`);
  }
  const configFile = join(stateDir, 'config.yml');
  writeFileSync(configFile, lines.join('\n') + '\n');
  // Only what the registry needs: REGISTRY_* variables would override the config, and OTEL_*
  // ones would send traces somewhere.
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', OTEL_TRACES_EXPORTER: 'none', OTEL_SDK_DISABLED: 'true' };
  const child = spawn(binary, ['serve', configFile], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(workDir, { recursive: true, force: true });
  };
  try {
    await waitReady(host, caFile, child, () => output.trim().split('\n').slice(-20).join('\n'));
  } catch (err) {
    await stop();
    throw err;
  }
  return secure ? { host, caFile, username, password, workDir, stop } : { host, workDir, stop };
}
