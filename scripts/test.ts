// `npm test`: installs what the suites need (Debian packages, the Go-built control plane),
// type-checks, starts the shared local cluster and the lesson's PostgreSQL and Redis, runs
// every test file with node's test runner, and stops everything it started. Exits non-zero on
// any failure.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalCluster, stopLocalCluster } from '../src/local/cluster.ts';
import { startLessonServices } from './lesson-services.ts';
import { ensureSystemPackages } from './system-deps.ts';

function run(step: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  console.log(`\n== ${step}: ${cmd} ${args.join(' ')}`);
  const result = spawnSync(cmd, args, { stdio: 'inherit', env });
  return result.status ?? 1;
}

function elapsed(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

const started = Date.now();
ensureSystemPackages();
if (run('typecheck', 'tsc', ['-p', 'tsconfig.json']) !== 0) {
  console.error('\ntypecheck failed');
  process.exit(1);
}

const workDir = mkdtempSync(join(tmpdir(), 'hookline-test-'));
chmodSync(workDir, 0o755); // PostgreSQL runs as its own user and must reach its directory
let status = 1;
const stops: Array<() => Promise<unknown>> = [];
try {
  const clusterStart = Date.now();
  const cluster = await startLocalCluster({ stateDir: join(workDir, 'cluster'), onProgress: (m) => console.log(`setup: ${m}`) });
  stops.push(() => stopLocalCluster({ stateDir: cluster.stateDir, purge: true }));
  console.log(`setup: local cluster up in ${elapsed(clusterStart)} (${cluster.apiServerUrl})`);
  const services = await startLessonServices(join(workDir, 'services'));
  stops.push(() => services.stop());
  console.log(`setup: PostgreSQL on 127.0.0.1:${services.postgres.port}, Redis on 127.0.0.1:${services.redis.port}`);
  const env = {
    ...process.env,
    HOOKLINE_TEST_KUBECONFIG: cluster.kubeconfigPath,
    HOOKLINE_TEST_AUDIT_LOG: cluster.auditLogPath,
    HOOKLINE_TEST_PGPORT: String(services.postgres.port),
    HOOKLINE_TEST_PGPASSWORD: services.postgres.password,
    HOOKLINE_TEST_REDIS_PORT: String(services.redis.port),
  };
  const patterns = process.argv.slice(2);
  // Any test still running after 10 minutes fails, so a hang cannot eat CI's time limit.
  status = run('tests', process.execPath, ['--test', '--test-concurrency=2', '--test-timeout=600000', ...(patterns.length ? patterns : ['test/**/*.test.ts'])], env);
} finally {
  for (const stop of stops.reverse()) {
    try {
      await stop();
    } catch (err) {
      console.error(`teardown: ${(err as Error).message}`);
      status = status || 1;
    }
  }
  rmSync(workDir, { recursive: true, force: true });
}
console.log(`\nnpm test finished in ${elapsed(started)} with exit code ${status}`);
process.exit(status);
