// `npm run demo`: the lesson, end to end, on Hookline's own local cluster. Brings the cluster up,
// starts PostgreSQL and Redis, installs the lesson's chart, upgrades it with the migration,
// runs its tests, triggers the failing pre-upgrade hook and shows the upgrade blocked with its
// reason and logs, rolls back, uninstalls, and shows the hook timeline of every step.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startLocalCluster, stopLocalCluster } from '../src/local/cluster.ts';
import { startLessonServices } from './lesson-services.ts';
import { ensureSystemPackages } from './system-deps.ts';

const root = resolve(import.meta.dirname, '..');
const chart = join(root, 'examples', 'agent-chart');
const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);

function say(title: string, text: string): void {
  console.log(`\n${bold(`━━ ${title}`)}\n${text}\n`);
}

function hookline(args: string[], env: NodeJS.ProcessEnv, expectFailure = false): void {
  console.log(bold(`$ hookline ${args.join(' ')}`));
  const result = spawnSync(process.execPath, [join(root, 'bin', 'hookline.js'), ...args], { stdio: 'inherit', env });
  if ((result.status === 0) === expectFailure) {
    throw new Error(`hookline ${args[0]} ${expectFailure ? 'succeeded but was expected to fail' : `failed with exit code ${result.status}`}`);
  }
}

function kubectl(args: string[], env: NodeJS.ProcessEnv): void {
  console.log(bold(`$ kubectl ${args.join(' ')}`));
  try {
    process.stdout.write(execFileSync('kubectl', args, { env, encoding: 'utf8' }));
  } catch (err) {
    process.stdout.write(String((err as { stdout?: string }).stdout ?? ''));
  }
}

ensureSystemPackages();
const work = mkdtempSync(join(tmpdir(), 'hookline-demo-'));
chmodSync(work, 0o755);
mkdirSync(join(work, 'reports'));
say('1. Local cluster', 'A real etcd, kube-apiserver and kube-controller-manager on loopback, and Hookline\'s node agent running pods as host processes.');
const cluster = await startLocalCluster({ stateDir: join(work, 'cluster'), onProgress: (m) => console.log(`  ${m}`) });
const services = await startLessonServices(join(work, 'services'));
const env = { ...process.env, KUBECONFIG: cluster.kubeconfigPath };
const values = [
  '--set', `postgres.port=${services.postgres.port}`, '--set', `postgres.password=${services.postgres.password}`,
  '--set', `redis.port=${services.redis.port}`, '--set', 'service.host=127.0.0.1', '--set', `backup.dir=${join(work, 'backups')}`,
];
const report = (step: string) => ['--report', join(work, 'reports', `${step}.html`)];
try {
  say('2. Install (Exercise 1)', 'pre-install hooks run first: the DB secret (weight -100), then db-init (weight -10) creates the schema; then the Deployment and Service; then post-install registers the service.');
  hookline(['install', 'my-app', chart, ...values, '--set', 'app.schemaVersion=1', '--wait', ...report('install')], env);
  kubectl(['get', 'jobs'], env);
  kubectl(['logs', 'job/my-app-db-init'], env);

  say('3. Upgrade with the migration (Exercises 2, 3, 6)', 'pre-upgrade: migrate (-5) then validate-migration (0); post-upgrade: cache-bust flushes Redis.');
  hookline(['upgrade', 'my-app', chart, ...values, '--set', 'app.schemaVersion=2', '--set', 'sequence.enabled=true', '--wait', ...report('upgrade')], env);

  say('4. Test (Concept 8)', 'The smoke test Job calls /health and /api/agents.');
  hookline(['test', 'my-app', ...report('test')], env);

  say('5. A failing pre-upgrade hook (Exercise 4)', 'debug-fail (weight -20) exits 1: the upgrade is blocked, the Deployment is untouched, the failed Job stays for debugging — and Hookline says why without kubectl.');
  hookline(['upgrade', 'my-app', chart, ...values, '--set', 'app.schemaVersion=2', '--set', 'debugFailure.enabled=true', '--timeout', '60s', ...report('failed-upgrade')], env, true);
  hookline(['history', 'my-app'], env);
  kubectl(['get', 'jobs'], env);
  kubectl(['logs', 'job/my-app-debug-fail'], env);

  say('6. Roll back (pre-rollback backup, post-rollback health check)', 'Back to revision 1.');
  hookline(['rollback', 'my-app', '1', '--wait', ...report('rollback')], env);
  hookline(['history', 'my-app', '--hooks'], env);

  say('7. Uninstall (pre-delete backup, post-delete deregistration)', '');
  hookline(['uninstall', 'my-app', ...report('uninstall')], env);
  console.log(`\nHTML timelines of every step: ${join(work, 'reports')}`);
} finally {
  await services.stop();
  await stopLocalCluster({ stateDir: cluster.stateDir, purge: true });
}
