// The acceptance suite's view of the lesson: one release of examples/agent-chart in its own
// namespace, driven through Hookline's CLI and inspected with the reference kubectl, psql and pg.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { freePort } from '../../scripts/lesson-services.ts';
import { KubeApiError } from '../../src/kube/client.ts';
import type { HookEvent } from '../../src/manifest/hook-record.ts';
import type { Release } from '../../src/storage/record.ts';
import { freshNamespace, testClient, testKubeconfig } from './cluster.ts';
import { releaseRecords } from './lifecycle-harness.ts';
import { referenceTool } from './reference-tools.ts';

const root = resolve(import.meta.dirname, '..', '..');
export const lessonChart = join(root, 'examples', 'agent-chart');

export interface Run { code: number; stdout: string; stderr: string }

function run(cmd: string, args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(cmd, args, { env: { ...process.env, TZ: 'UTC' }, maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
      done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the acceptance suite with \`npm test\` (it starts the lesson's PostgreSQL and Redis)`);
  return value;
}

/** The lesson's shared PostgreSQL and Redis that `npm test` started. */
export function lessonServices() {
  return {
    pgPort: Number(requiredEnv('HOOKLINE_TEST_PGPORT')),
    pgPassword: requiredEnv('HOOKLINE_TEST_PGPASSWORD'),
    redisPort: Number(requiredEnv('HOOKLINE_TEST_REDIS_PORT')),
  };
}

/** Runs one SQL statement on the shared server, in the given database. */
export async function sql<T = Record<string, unknown>>(database: string, text: string, params: unknown[] = []): Promise<T[]> {
  const { pgPort, pgPassword } = lessonServices();
  const client = new pg.Client({ host: '127.0.0.1', port: pgPort, user: 'postgres', password: pgPassword, database });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * A fresh database for one test: the tests share one PostgreSQL server, and schema checks
 * (a column added, a half-applied migration) only mean something in a database no other test migrates.
 */
export async function freshDatabase(prefix: string): Promise<string> {
  const name = `${prefix}_${Math.random().toString(36).slice(2, 8)}`;
  await sql('postgres', `CREATE DATABASE ${name}`);
  return name;
}

export function kubectl(args: string[]): Promise<Run> {
  return run(referenceTool('kubectl'), ['--kubeconfig', testKubeconfig(), ...args]);
}

export function redisCli(port: number, args: string[]): Promise<Run> {
  return run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args]);
}

export interface LessonOptions {
  /** The database the hooks and the app use (default: the shared `postgres`). */
  database?: string;
  /** Redis port for the register and cache-bust hooks (default: the shared one). */
  redisPort?: number;
}

/** One release of the lesson's chart in a namespace of its own. */
export class LessonRelease {
  readonly namespace: string;
  readonly name: string;
  readonly appPort: number;
  readonly backupDir: string;
  readonly options: LessonOptions;

  private constructor(namespace: string, name: string, appPort: number, options: LessonOptions) {
    this.namespace = namespace;
    this.name = name;
    this.appPort = appPort;
    this.options = options;
    this.backupDir = mkdtempSync(join(tmpdir(), 'hookline-acc-backups-'));
  }

  /** A new namespace and a free port for the app (pods are host processes on 127.0.0.1). */
  static async create(prefix: string, options: LessonOptions = {}): Promise<LessonRelease> {
    const namespace = await freshNamespace(testClient(), prefix);
    return new LessonRelease(namespace, prefix, await freePort(), options);
  }

  /** The values `npm run demo` passes, pointing the chart at the test's services. */
  values(extra: string[] = []): string[] {
    const services = lessonServices();
    const sets = [
      `postgres.port=${services.pgPort}`, `postgres.password=${services.pgPassword}`,
      `postgres.database=${this.options.database ?? 'postgres'}`,
      `redis.port=${this.options.redisPort ?? services.redisPort}`, 'service.host=127.0.0.1',
      `backup.dir=${this.backupDir}`, `app.port=${this.appPort}`, ...extra,
    ];
    return sets.flatMap((s) => ['--set', s]);
  }

  /** Runs `hookline <args>` against this release's namespace. */
  hookline(args: string[]): Promise<Run> {
    return run(process.execPath, [join(root, 'bin', 'hookline.js'), ...args, '--kubeconfig', testKubeconfig(), '-n', this.namespace]);
  }

  install(sets: string[] = [], flags: string[] = ['--wait']): Promise<Run> {
    return this.hookline(['install', this.name, lessonChart, ...this.values(sets), ...flags]);
  }

  upgrade(sets: string[] = [], flags: string[] = ['--wait']): Promise<Run> {
    return this.hookline(['upgrade', this.name, lessonChart, ...this.values(sets), ...flags]);
  }

  kubectl(args: string[]): Promise<Run> {
    return kubectl([...args, '-n', this.namespace]);
  }

  /** The release records, oldest first, decoded from Helm's Secrets. */
  records(): Promise<Release[]> {
    return releaseRecords(testClient(), this.namespace, this.name);
  }

  /** The object at an API path (NS stands for the namespace), or undefined when it does not exist. */
  async object<T = any>(path: string): Promise<T | undefined> {
    try {
      return await testClient().request<T>('GET', path.replace('NS', this.namespace));
    } catch (err) {
      if (err instanceof KubeApiError && err.status === 404) return undefined;
      throw err;
    }
  }

  /** Uninstalls without hooks (a test may have left a failing one) and removes the namespace. */
  async cleanup(): Promise<void> {
    await this.hookline(['uninstall', this.name, '--no-hooks', '--ignore-not-found']);
    await testClient().request('DELETE', `/api/v1/namespaces/${this.namespace}`).catch(() => undefined);
    rmSync(this.backupDir, { recursive: true, force: true });
  }
}

/** Fails with the command's output when it did not exit as expected. */
export function expectExit(result: Run, code: 'ok' | 'fail', what: string): void {
  if ((result.code === 0) !== (code === 'ok')) {
    throw new Error(`${what}: exit code ${result.code}, expected ${code === 'ok' ? 0 : 'non-zero'}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
}

/** Names of a revision's hooks, in the order they started (from their last_run). */
export function hooksByStart(release: Release, event: HookEvent): string[] {
  const started = (at: string | undefined) => Date.parse(at ?? '');
  return (release.hooks ?? [])
    .filter((h) => h.events?.includes(event) && h.last_run.started_at)
    .sort((a, b) => started(a.last_run.started_at) - started(b.last_run.started_at))
    .map((h) => h.name ?? '');
}
