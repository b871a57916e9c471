// Helm's SQL storage driver (HELM_DRIVER=sql) for PostgreSQL: the tables releases_v1 and
// custom_labels_v1 that helm 4 creates through sql-migrate (ids "init" and "custom_labels",
// recorded in gorp_migrations), one row per revision holding the same base64(gzip(JSON)) body
// as the Secret driver, so helm and Hookline read and continue each other's releases.
import pg from 'pg';
import type { Release } from './record.ts';
import { decodeRelease, encodeRelease } from './codec.ts';
import { ReleaseExistsError, ReleaseNotFoundError, releaseLabelsFrom, systemLabels, type ReleaseDriver } from './driver.ts';

const releaseTable = 'releases_v1';
const labelTable = 'custom_labels_v1';
const recordType = 'helm.sh/release.v1';
const owner = 'helm';

// helm's schema, statement for statement (unquoted identifiers: PostgreSQL folds them to lower case).
const migrations: Array<{ id: string; up: string }> = [
  // sql-migrate applies migrations sorted by id, so custom_labels runs before init.
  {
    id: 'custom_labels',
    up: `CREATE TABLE ${labelTable} (releaseKey VARCHAR(64), releaseNamespace VARCHAR(67), key VARCHAR(317), value VARCHAR(63));
      CREATE INDEX ON ${labelTable} (releaseKey, releaseNamespace);
      GRANT ALL ON ${labelTable} TO PUBLIC;
      ALTER TABLE ${labelTable} ENABLE ROW LEVEL SECURITY;`,
  },
  {
    id: 'init',
    up: `CREATE TABLE ${releaseTable} (key VARCHAR(90), type VARCHAR(64) NOT NULL, body TEXT NOT NULL, name VARCHAR(64) NOT NULL,
        namespace VARCHAR(64) NOT NULL, version INTEGER NOT NULL, status TEXT NOT NULL, owner TEXT NOT NULL,
        createdAt INTEGER NOT NULL, modifiedAt INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(key, namespace));
      CREATE INDEX ON ${releaseTable} (key, namespace);
      CREATE INDEX ON ${releaseTable} (version);
      CREATE INDEX ON ${releaseTable} (status);
      CREATE INDEX ON ${releaseTable} (owner);
      CREATE INDEX ON ${releaseTable} (createdAt);
      CREATE INDEX ON ${releaseTable} (modifiedAt);
      GRANT ALL ON ${releaseTable} TO PUBLIC;
      ALTER TABLE ${releaseTable} ENABLE ROW LEVEL SECURITY;`,
  },
];

// Any constant works: it only keeps two first-time Hookline processes from migrating at once.
const migrationLockId = 0x68656c6d;

// The labels helm's SQL driver can filter on: the columns of releases_v1.
const queryableLabels = new Set(['name', 'owner', 'status', 'version', 'createdAt', 'modifiedAt']);

const connectionHint = 'use postgres://user:password@host:port/dbname?sslmode=disable or host=... port=... user=... dbname=...';

/**
 * pg's settings from a connection string in either form lib/pq (helm's client) accepts: a
 * postgres:// URL, or space-separated keyword=value pairs (values optionally 'single quoted').
 */
export function connectionConfig(connectionString: string): pg.PoolConfig {
  const text = connectionString.trim();
  if (/^postgres(ql)?:\/\//i.test(text)) return { connectionString: text };
  const config: pg.PoolConfig = {};
  const pair = /([A-Za-z_]+)\s*=\s*(?:'((?:[^'\\]|\\.)*)'|([^\s']*))/g;
  for (const [, keyword, quoted, bare] of text.matchAll(pair)) {
    const value = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : bare;
    switch (keyword) {
      case 'host': config.host = value; break;
      case 'port': config.port = Number(value); break;
      case 'user': config.user = value; break;
      case 'password': config.password = value; break;
      case 'dbname': config.database = value; break;
      case 'sslmode': config.ssl = value === 'disable' ? false : { rejectUnauthorized: value === 'verify-full' || value === 'verify-ca' }; break;
      case 'connect_timeout': config.connectionTimeoutMillis = Number(value) * 1000; break;
      default: break; // lib/pq's other keywords (fallback_application_name, ...) change nothing here
    }
  }
  const unread = text.replace(pair, '').trim();
  if (unread !== '') {
    throw new Error(`HELM_DRIVER_SQL_CONNECTION_STRING: cannot read "${unread}"; ${connectionHint}`);
  }
  if (Object.keys(config).length === 0) {
    throw new Error(`HELM_DRIVER_SQL_CONNECTION_STRING is not a PostgreSQL connection string; ${connectionHint}`);
  }
  return config;
}

interface ReleaseRow { key: string; body: string }

export class SqlDriver implements ReleaseDriver {
  readonly name = 'SQL';
  private readonly pool: pg.Pool;
  private readonly namespace: string;
  private ready: Promise<void> | undefined;

  constructor(connectionString: string, namespace: string) {
    // An idle pool must not keep the CLI process alive once the action is done.
    this.pool = new pg.Pool({ ...connectionConfig(connectionString), max: 2, allowExitOnIdle: true });
    this.pool.on('error', () => { /* an idle connection dropped: the next query opens another */ });
    this.namespace = namespace;
  }

  async get(key: string): Promise<Release> {
    const rows = await this.select(`SELECT key, body FROM ${releaseTable} WHERE key = $1 AND namespace = $2`, [key, this.namespace]);
    if (rows.length === 0) throw new ReleaseNotFoundError(key);
    return (await this.withLabels(rows))[0];
  }

  async query(labels: Record<string, string>): Promise<Release[]> {
    const conditions = ['owner = $1', 'namespace = $2'];
    const args: unknown[] = [owner, this.namespace];
    for (const [label, value] of Object.entries(labels).sort(([a], [b]) => a.localeCompare(b))) {
      if (!queryableLabels.has(label)) throw new Error(`unknown label ${label}`);
      args.push(value);
      conditions.push(`${label} = $${args.length}`);
    }
    const rows = await this.select(`SELECT key, body FROM ${releaseTable} WHERE ${conditions.join(' AND ')}`, args);
    return this.withLabels(rows);
  }

  async create(key: string, release: Release): Promise<void> {
    await this.setup();
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO ${releaseTable} (key, type, body, name, namespace, version, status, owner, createdAt) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [key, recordType, encodeRelease(release), release.name, release.namespace || this.namespace, release.version, release.info.status ?? 'unknown', owner, nowSeconds()],
      );
      // System labels live in releases_v1's columns; only the custom ones get rows here.
      for (const [label, value] of Object.entries(release.labels ?? {})) {
        if ((systemLabels as readonly string[]).includes(label)) continue;
        await client.query(`INSERT INTO ${labelTable} (releaseKey, releaseNamespace, key, value) VALUES ($1, $2, $3, $4)`, [key, release.namespace || this.namespace, label, value]);
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      if ((err as { code?: string }).code === '23505') throw new ReleaseExistsError(key);
      throw new Error(`create: failed to store "${key}" in PostgreSQL: ${(err as Error).message}`);
    } finally {
      client.release();
    }
  }

  async update(key: string, release: Release): Promise<void> {
    await this.setup();
    // As helm: body and status columns change, custom labels stay as created.
    const result = await this.pool.query(
      `UPDATE ${releaseTable} SET body = $1, name = $2, version = $3, status = $4, owner = $5, modifiedAt = $6 WHERE key = $7 AND namespace = $8`,
      [encodeRelease(release), release.name, release.version, release.info.status ?? 'unknown', owner, nowSeconds(), key, release.namespace || this.namespace],
    ).catch((err: Error) => { throw new Error(`update: failed to update "${key}" in PostgreSQL: ${err.message}`); });
    if (result.rowCount === 0) throw new ReleaseNotFoundError(key);
  }

  async delete(key: string): Promise<Release> {
    const release = await this.get(key);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`DELETE FROM ${releaseTable} WHERE key = $1 AND namespace = $2`, [key, this.namespace]);
      await client.query(`DELETE FROM ${labelTable} WHERE releaseKey = $1 AND releaseNamespace = $2`, [key, this.namespace]);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw new Error(`delete: failed to delete "${key}" from PostgreSQL: ${(err as Error).message}`);
    } finally {
      client.release();
    }
    return release;
  }

  /** Applies helm's migrations that the database lacks, recording them as sql-migrate does. */
  private setup(): Promise<void> {
    this.ready ??= this.migrate().catch((err: Error) => {
      this.ready = undefined;
      throw new Error(`HELM_DRIVER=sql: cannot prepare the PostgreSQL database: ${err.message}`);
    });
    return this.ready;
  }

  private async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('CREATE TABLE IF NOT EXISTS gorp_migrations (id TEXT NOT NULL PRIMARY KEY, applied_at TIMESTAMP WITH TIME ZONE)');
      const applied = new Set((await client.query<{ id: string }>('SELECT id FROM gorp_migrations')).rows.map((r) => r.id));
      if (migrations.every((m) => applied.has(m.id))) return;
      await client.query('BEGIN');
      try {
        await client.query('SELECT pg_advisory_xact_lock($1)', [migrationLockId]);
        const now = new Set((await client.query<{ id: string }>('SELECT id FROM gorp_migrations')).rows.map((r) => r.id));
        for (const m of migrations) {
          if (now.has(m.id)) continue;
          await client.query(m.up);
          await client.query('INSERT INTO gorp_migrations (id, applied_at) VALUES ($1, now())', [m.id]);
        }
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    } finally {
      client.release();
    }
  }

  private async select(sql: string, args: unknown[]): Promise<ReleaseRow[]> {
    await this.setup();
    try {
      return (await this.pool.query<ReleaseRow>(sql, args)).rows;
    } catch (err) {
      throw new Error(`query: failed to read releases from PostgreSQL: ${(err as Error).message}`);
    }
  }

  // Decodes rows (skipping undecodable ones, as helm does) and attaches their custom labels.
  private async withLabels(rows: ReleaseRow[]): Promise<Release[]> {
    if (rows.length === 0) return [];
    const labelRows = (await this.pool.query<{ releasekey: string; key: string; value: string }>(
      `SELECT releaseKey, key, value FROM ${labelTable} WHERE releaseNamespace = $1 AND releaseKey = ANY($2)`,
      [this.namespace, rows.map((r) => r.key)],
    )).rows;
    const releases: Release[] = [];
    for (const row of rows) {
      let release: Release;
      try {
        release = decodeRelease(row.body);
      } catch {
        continue;
      }
      release.labels = releaseLabelsFrom(Object.fromEntries(labelRows.filter((l) => l.releasekey === row.key).map((l) => [l.key, l.value])));
      releases.push(release);
    }
    return releases;
  }
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
