// HELM_DRIVER=sql on the test PostgreSQL, differentially with helm v4: each test gets a fresh
// database (dropped after) and namespace. The schema and migration records Hookline creates are
// the ones helm creates; a release installed by either tool is upgraded by the other, and both
// read the same history, status, list, custom labels and uninstall.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { connectionConfig } from '../../src/storage/sql-driver.ts';
import { freshNamespace, testClient, testKubeconfig } from '../support/cluster.ts';
import { dropNamespace, type HelmRun } from '../support/lifecycle-harness.ts';
import { runCli, type Tool } from '../support/run-process.ts';

const chart = join(import.meta.dirname, '..', 'secrets', 'charts', 'with-secrets');

function serverConfig(database: string): pg.ClientConfig {
  const port = process.env.HOOKLINE_TEST_PGPORT;
  const password = process.env.HOOKLINE_TEST_PGPASSWORD;
  if (!port || !password) throw new Error('HOOKLINE_TEST_PGPORT and HOOKLINE_TEST_PGPASSWORD are not set: run the suite with `npm test` (it starts PostgreSQL)');
  return { host: '127.0.0.1', port: Number(port), user: 'postgres', password, database };
}

async function onServer<T>(database: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(serverConfig(database));
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  await Promise.all(cleanups.map((c) => c()));
});

interface Scenario { ns: string; database: string; connection: string }

/** A fresh namespace and a fresh, empty database, both removed after the file's tests. */
async function scenario(prefix: string): Promise<Scenario> {
  const client = testClient();
  const ns = await freshNamespace(client, prefix);
  const database = `hookline_${prefix.replace(/-/g, '_')}_${randomBytes(4).toString('hex')}`;
  await onServer('postgres', (c) => c.query(`CREATE DATABASE ${database}`));
  cleanups.push(async () => {
    await dropNamespace(client, ns);
    await onServer('postgres', (c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  });
  const { port, password } = serverConfig(database);
  return { ns, database, connection: `postgres://postgres:${password}@127.0.0.1:${port}/${database}?sslmode=disable` };
}

function run(tool: Tool, s: Scenario, args: string[]): Promise<HelmRun> {
  const env = { HELM_DRIVER: 'sql', HELM_DRIVER_SQL_CONNECTION_STRING: s.connection };
  return runCli(tool, [...args, '-n', s.ns, '--kubeconfig', testKubeconfig()], { env });
}

async function ok(tool: Tool, s: Scenario, args: string[]): Promise<HelmRun> {
  const result = await run(tool, s, args);
  assert.equal(result.code, 0, `${tool} ${args.join(' ')} failed: ${result.stderr}`);
  return result;
}

interface HistoryRow { revision: number; status: string; description: string; chart: string }

async function history(tool: Tool, s: Scenario, release: string): Promise<HistoryRow[]> {
  const rows = JSON.parse((await ok(tool, s, ['history', release, '-o', 'json'])).stdout) as HistoryRow[];
  return rows.map(({ revision, status, description, chart: c }) => ({ revision, status, description, chart: c }));
}

async function listed(tool: Tool, s: Scenario): Promise<Array<{ name: string; revision: string; status: string }>> {
  const rows = JSON.parse((await ok(tool, s, ['list', '-o', 'json'])).stdout) as Array<{ name: string; revision: string; status: string }>;
  return rows.map(({ name, revision, status }) => ({ name, revision, status }));
}

/** Both tools' history of a release, which must agree, and the statuses oldest first. */
async function agreedHistory(s: Scenario, release: string): Promise<string[]> {
  const [byHelm, byHookline] = [await history('helm', s, release), await history('hookline', s, release)];
  assert.deepEqual(byHookline, byHelm, 'helm and Hookline read the same history');
  return byHelm.map((r) => `${r.revision}:${r.status}`);
}

async function statusOf(tool: Tool, s: Scenario, release: string): Promise<string> {
  return /^STATUS: (.*)$/m.exec((await ok(tool, s, ['status', release])).stdout)?.[1] ?? '';
}

/** The tables, columns, indexes and migration ids a database holds. */
async function schemaOf(database: string) {
  return onServer(database, async (c) => ({
    columns: (await c.query(`SELECT table_name, column_name, data_type, character_maximum_length, is_nullable, column_default
      FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, column_name`)).rows,
    indexes: (await c.query(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname`)).rows
      .map((r: { indexname: string; indexdef: string }) => ({ ...r, indexdef: r.indexdef.replace(database, 'DB') })),
    rowSecurity: (await c.query(`SELECT relname, relrowsecurity FROM pg_class WHERE relname IN ('releases_v1', 'custom_labels_v1') ORDER BY relname`)).rows,
    migrations: (await c.query('SELECT id FROM gorp_migrations ORDER BY id')).rows,
  }));
}

async function rows(database: string) {
  return onServer(database, async (c) => ({
    releases: (await c.query('SELECT key, type, name, namespace, version, status, owner FROM releases_v1 ORDER BY version')).rows,
    labels: (await c.query('SELECT releasekey, key, value FROM custom_labels_v1 ORDER BY releasekey, key')).rows,
  }));
}

describe('HELM_DRIVER=sql shared by helm and Hookline', { concurrency: 2 }, () => {
  test('Hookline creates the schema helm creates; helm then uses it as its own', async () => {
    const [byHelm, byHookline] = [await scenario('sql-schema-h'), await scenario('sql-schema-l')];
    await ok('helm', byHelm, ['install', 'app', chart]);
    await ok('hookline', byHookline, ['install', 'app', chart]);
    assert.deepEqual(await schemaOf(byHookline.database), await schemaOf(byHelm.database));
    // helm checks gorp_migrations: had Hookline recorded a migration wrongly, helm would try to
    // create the tables again and fail here.
    await ok('helm', byHookline, ['upgrade', 'app', chart, '--set', 'password=second']);
    assert.deepEqual(await agreedHistory(byHookline, 'app'), ['1:superseded', '2:deployed']);
  });

  test('installed by helm, upgraded by Hookline, then by helm; uninstalled by Hookline', async () => {
    const s = await scenario('sql-helm-first');
    await ok('helm', s, ['install', 'app', chart, '--labels', 'team=blue']);
    await ok('hookline', s, ['upgrade', 'app', chart, '--set', 'password=second']);
    await ok('helm', s, ['upgrade', 'app', chart, '--set', 'password=third']);
    assert.deepEqual(await agreedHistory(s, 'app'), ['1:superseded', '2:superseded', '3:deployed']);
    assert.equal(await statusOf('hookline', s, 'app'), 'deployed');
    assert.equal(await statusOf('helm', s, 'app'), 'deployed');
    assert.deepEqual(await listed('hookline', s), await listed('helm', s));
    assert.deepEqual(await listed('helm', s), [{ name: 'app', revision: '3', status: 'deployed' }]);
    const stored = await rows(s.database);
    assert.deepEqual(stored.releases.map((r: { key: string; status: string; owner: string; type: string }) => [r.key, r.status, r.owner, r.type]), [
      ['sh.helm.release.v1.app.v1', 'superseded', 'helm', 'helm.sh/release.v1'],
      ['sh.helm.release.v1.app.v2', 'superseded', 'helm', 'helm.sh/release.v1'],
      ['sh.helm.release.v1.app.v3', 'deployed', 'helm', 'helm.sh/release.v1'],
    ]);
    // helm carries custom labels from revision to revision; Hookline's revision 2 kept them too.
    assert.deepEqual(stored.labels.filter((l: { key: string }) => l.key === 'team').map((l: { releasekey: string }) => l.releasekey),
      ['sh.helm.release.v1.app.v1', 'sh.helm.release.v1.app.v2', 'sh.helm.release.v1.app.v3']);
    await ok('hookline', s, ['uninstall', 'app']);
    assert.deepEqual(await listed('helm', s), []);
    assert.deepEqual(await rows(s.database), { releases: [], labels: [] });
  });

  test('installed by Hookline, upgraded by helm, then by Hookline; uninstalled by helm', async () => {
    const s = await scenario('sql-hookline-first');
    await ok('hookline', s, ['install', 'app', chart, '--labels', 'team=green']);
    await ok('helm', s, ['upgrade', 'app', chart, '--set', 'password=second']);
    await ok('hookline', s, ['upgrade', 'app', chart, '--set', 'password=third']);
    assert.deepEqual(await agreedHistory(s, 'app'), ['1:superseded', '2:superseded', '3:deployed']);
    assert.equal(await statusOf('helm', s, 'app'), 'deployed');
    assert.deepEqual(await listed('helm', s), await listed('hookline', s));
    const labels = (await rows(s.database)).labels.filter((l: { key: string }) => l.key === 'team');
    assert.deepEqual(labels.map((l: { value: string }) => l.value), ['green', 'green', 'green']);
    // The values each revision was made with survive the other tool's encoding.
    const values = JSON.parse((await ok('helm', s, ['get', 'values', 'app', '--revision', '3', '-o', 'json'])).stdout) as Record<string, string>;
    assert.equal(values.password, 'third');
    await ok('helm', s, ['uninstall', 'app', '--keep-history']);
    assert.deepEqual(await agreedHistory(s, 'app'), ['1:superseded', '2:superseded', '3:uninstalled']);
    await ok('hookline', s, ['install', 'app', chart, '--replace']);
    assert.equal((await agreedHistory(s, 'app')).at(-1), '4:deployed', 'the name is reused on top of the kept history');
  });

  test('a connection string that reaches no server fails naming it, and changes nothing', async () => {
    const s = await scenario('sql-bad-conn');
    const unreachable = { ...s, connection: 'host=127.0.0.1 port=1 user=postgres dbname=none sslmode=disable connect_timeout=5' };
    const result = await run('hookline', unreachable, ['install', 'app', chart]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /127\.0\.0\.1:1/);
    const objects = await testClient().request<{ items: unknown[] }>('GET', `/api/v1/namespaces/${s.ns}/secrets?labelSelector=app.kubernetes.io%2Fmanaged-by%3DHelm`);
    assert.deepEqual(objects.items, [], 'nothing was applied');
  });
});

test('connection strings in both of lib/pq\'s forms', () => {
  assert.deepEqual(connectionConfig("host=db.example port=5433 user=helm password='it\\'s' dbname=releases sslmode=disable"), {
    host: 'db.example', port: 5433, user: 'helm', password: "it's", database: 'releases', ssl: false,
  });
  assert.deepEqual(connectionConfig('postgres://helm:pw@db:5432/helm?sslmode=disable'), { connectionString: 'postgres://helm:pw@db:5432/helm?sslmode=disable' });
  assert.throws(() => connectionConfig('just some words'), /HELM_DRIVER_SQL_CONNECTION_STRING: cannot read "just some words"/);
});
