import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { checksumOf, migrate } from '../../../db/migrate.ts';
import { migrations } from '../../../db/migrations/index.ts';
import { openPgClient } from '../../../db/sql/pgClient.ts';
import type { DataDirLayout } from '../dataDirLayout.ts';
import { PgliteConversionError } from '../errors.ts';
import { findPgliteData } from './findPgliteData.ts';
import { movePgliteAside } from './movePgliteAside.ts';

/** The slice of PGlite's API the conversion uses (the package is imported only when converting). */
interface PgliteDb {
  query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[]; blob?: Blob }>;
  close(): Promise<void>;
}

// Table pages (8 kB) per COPY out of PGlite: 32 MB at a time, so a large table never sits whole in memory.
const PAGES_PER_CHUNK = 4096;

async function openPglite(dir: string): Promise<PgliteDb> {
  let module: { PGlite: { create(dir: string, options: object): Promise<PgliteDb> } };
  try {
    module = (await import('@electric-sql/pglite')) as unknown as typeof module;
  } catch (cause) {
    throw new PgliteConversionError(
      `${dir} holds a PGlite database of tubelens 0.1, and converting it needs the @electric-sql/pglite ` +
        'package, which is not installed; run `npm ci` (it installs the development dependencies) and start again',
      { cause },
    );
  }
  return module.PGlite.create(dir, { relaxedDurability: false, postgresqlconf: ['shared_buffers=32MB'] });
}

/** The migrations the PGlite database had, checked against this version's (an unknown one is refused). */
async function appliedMigrations(source: PgliteDb, dir: string): Promise<number> {
  const { rows } = await source.query<{ version: number; checksum: string }>(
    'SELECT version, checksum FROM schema_migrations ORDER BY version',
  );
  for (const row of rows) {
    const known = migrations.find((m) => m.version === row.version);
    if (!known || checksumOf(known.sql) !== row.checksum) {
      throw new PgliteConversionError(
        `${dir} was made by a tubelens with migration ${row.version}, which this version does not have; ` +
          'convert it with that version, or start with an empty --data-dir',
      );
    }
  }
  return rows.at(-1)?.version ?? 0;
}

/** COPYs one table's rows from PGlite into the server, a chunk of pages at a time. */
async function copyTable(source: PgliteDb, target: pg.PoolClient, table: string): Promise<void> {
  const { rows: columns } = await source.query<{ name: string }>(
    `SELECT quote_ident(attname) AS name FROM pg_attribute
      WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
      ORDER BY attnum`,
    [table],
  );
  const list = columns.map((c) => c.name).join(', ');
  const { rows: size } = await source.query<{ pages: number }>(
    `SELECT (pg_relation_size($1::regclass) / 8192)::int AS pages`,
    [table],
  );
  const pages = size[0]?.pages ?? 0;
  for (let first = 0; first <= pages; first += PAGES_PER_CHUNK) {
    const last = first + PAGES_PER_CHUNK;
    const out = await source.query(
      `COPY (SELECT ${list} FROM ${table} WHERE ctid >= '(${first},0)'::tid AND ctid < '(${last},0)'::tid) TO '/dev/blob'`,
    );
    if (!out.blob || out.blob.size === 0) continue;
    const stream = target.query(copyFrom(`COPY ${table} (${list}) FROM STDIN`));
    stream.on('error', () => {});
    if (!stream.write(new Uint8Array(await out.blob.arrayBuffer()))) await once(stream, 'drain');
    stream.end();
    await finished(stream);
  }
}

/** Every table's rows and every sequence's position, from PGlite into the server, in one transaction. */
async function copyEverything(source: PgliteDb, url: string): Promise<{ tables: number; rows: number }> {
  const { rows: tables } = await source.query<{ name: string }>(
    `SELECT quote_ident(tablename) AS name FROM pg_tables
      WHERE schemaname = 'public' AND tablename <> 'schema_migrations' ORDER BY tablename`,
  );
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const target = await pool.connect();
  let total = 0;
  try {
    await target.query('BEGIN');
    // Foreign keys and triggers are not checked while copying (the source already satisfied them),
    // so tables can be copied in any order.
    await target.query('SET LOCAL session_replication_role = replica');
    // The rollups (migration 10) are copied as they are; their triggers fire even in replica mode.
    await target.query("SET LOCAL tubelens.rollups = 'off'");
    for (const { name } of tables) {
      const { rows } = await target.query(`SELECT EXISTS (SELECT 1 FROM ${name}) AS has`);
      if (rows[0].has) throw new PgliteConversionError(`the new database already has rows in ${name}`);
      await copyTable(source, target, name);
      const counts = await Promise.all([
        source.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${name}`),
        target.query(`SELECT count(*)::int AS n FROM ${name}`),
      ]);
      const [from, to] = [counts[0].rows[0]?.n ?? 0, counts[1].rows[0].n as number];
      if (from !== to) throw new PgliteConversionError(`${name}: copied ${to} of ${from} rows`);
      total += to;
    }
    const { rows: sequences } = await source.query<{ name: string; last: string | null }>(
      `SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename) AS name, last_value::text AS last
         FROM pg_sequences WHERE schemaname = 'public'`,
    );
    for (const s of sequences) {
      if (s.last !== null)
        await target.query('SELECT setval($1::regclass, $2::bigint, true)', [s.name, s.last]);
    }
    await target.query('COMMIT');
  } catch (error) {
    await target.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    target.release();
    await pool.end();
  }
  return { tables: tables.length, rows: total };
}

/**
 * Converts the PGlite database of tubelens 0.1 found in the data dir into the embedded server's
 * `tubelens` database, keeping every row: the server first gets the same schema (the migrations
 * the PGlite database had), then every table is copied in one transaction and its row count
 * compared, then the newer migrations run. The PGlite files are kept in `pglite-backup/`. A
 * failure changes nothing that the next start would trip over: the copy rolls back, and the
 * PGlite files stay where they were, so the next start tries again.
 */
export async function convertPgliteData(
  layout: DataDirLayout,
  url: string,
  log: (line: string) => void,
): Promise<void> {
  const dir = await findPgliteData(layout);
  if (!dir) return;
  log(`converting the PGlite database of an earlier tubelens in ${dir} (once; every row is kept)`);
  const source = await openPglite(dir);
  let copied: { tables: number; rows: number };
  try {
    await source.query("SET TIME ZONE 'UTC'");
    const version = await appliedMigrations(source, dir);
    const target = openPgClient({ connectionString: url, max: 1 });
    try {
      await migrate(
        target,
        migrations.filter((m) => m.version <= version),
      );
      copied = await copyEverything(source, url);
      await migrate(target);
      await target.query('ANALYZE');
    } finally {
      await target.close();
    }
  } catch (error) {
    if (error instanceof PgliteConversionError) throw error;
    throw new PgliteConversionError(
      `converting the PGlite database in ${dir} failed, and nothing was changed: ${(error as Error).message}`,
      { cause: error },
    );
  } finally {
    await source.close();
  }
  const backup = await movePgliteAside(layout, dir);
  log(
    `  converted ${copied.rows.toLocaleString('en-US')} rows in ${copied.tables} tables; ` +
      `the PGlite files are kept in ${backup} (delete them once you no longer need them)`,
  );
}
