// Starts the PostgreSQL and Redis servers that the lesson's hooks talk to, on loopback, each in
// its own directory under a state dir, and stops exactly what it started. Used by the
// acceptance tests and by the demo. PostgreSQL refuses to run as root, so its processes run as
// the `postgres` system user that Debian's package creates.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureSystemPackages } from './system-deps.ts';

export interface LessonServices {
  postgres: { host: string; port: number; user: string; password: string; database: string };
  redis: { host: string; port: number };
  stop(): Promise<void>;
}

// Ports below the kernel's range for outgoing connections, so no client socket can take one
// between the check and its use; each handed out once per process, and checked to bind.
const handedOut = new Set<number>();

function firstEphemeralPort(): number {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32768;
  } catch {
    return 32768;
  }
}

function binds(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A loopback port nothing listens on, for a server a test or the demo is about to start. */
export async function freePort(): Promise<number> {
  const low = 20000;
  const high = Math.max(low + 1000, firstEphemeralPort());
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low));
    if (handedOut.has(port) || !(await binds(port))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`no free loopback port found between ${low} and ${high}`);
}

function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  if (versions.length === 0) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql; install the Debian package postgresql');
  return join(root, versions[0], 'bin');
}

function asPostgres(cmd: string, args: string[]): string {
  return execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

async function startPostgres(dir: string, password: string) {
  const bin = postgresBinDir();
  const data = join(dir, 'data');
  mkdirSync(dir, { recursive: true });
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  chownSync(dir, uid, gid);
  const pwfile = join(dir, 'pwfile');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  chownSync(pwfile, uid, gid);
  asPostgres(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--pwfile', pwfile, '--auth-host=scram-sha-256', '--auth-local=trust', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'postgres.log'), '-w', '-t', '60', '-o',
    `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off`, 'start']);
  return {
    port,
    stop: () => { asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']); },
  };
}

async function startRedis(dir: string) {
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const child = spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir], {
    stdio: 'ignore', detached: true,
  });
  for (let i = 0; i < 100; i++) {
    try {
      if (execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'PING'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() === 'PONG') break;
    } catch { /* not up yet */ }
    if (i === 99) throw new Error(`redis-server did not answer PING on 127.0.0.1:${port}`);
    await sleep(100);
  }
  return {
    port,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
    },
  };
}

/** Starts both servers under stateDir (which must not hold a previous run's data). */
export async function startLessonServices(stateDir: string): Promise<LessonServices> {
  ensureSystemPackages(['psql', 'redis-server', 'redis-cli']);
  const password = 'hookline-lesson';
  mkdirSync(stateDir, { recursive: true });
  chmodSync(stateDir, 0o755); // the postgres user must be able to reach its directory
  const pg = await startPostgres(join(stateDir, 'postgres'), password);
  let redis;
  try {
    redis = await startRedis(join(stateDir, 'redis'));
  } catch (err) {
    pg.stop();
    throw err;
  }
  return {
    postgres: { host: '127.0.0.1', port: pg.port, user: 'postgres', password, database: 'postgres' },
    redis: { host: '127.0.0.1', port: redis.port },
    stop: async () => {
      await redis.stop();
      pg.stop();
    },
  };
}
