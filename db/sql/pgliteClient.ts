import { PGlite, type PGliteOptions, type Transaction } from '@electric-sql/pglite';
import { bindParams } from './bindParams.ts';
import { decodedOids, decoderFor, OID } from './decodeText.ts';
import type { QueryResult, Row, SqlClient, SqlExecutor, SqlParam } from './SqlClient.ts';

type PGliteQueryable = Pick<PGlite | Transaction, 'query'>;

const parsers = Object.fromEntries(decodedOids.map((oid) => [oid, decoderFor(oid)!]));
// Values arrive already in PostgreSQL text form (see bindParams), so no serializer may re-encode
// them: PGlite's default JSON serializer would quote a JSON text a second time.
const passThrough = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
const serializers = { [OID.json]: passThrough, [OID.jsonb]: passThrough };

async function run<R extends Row>(db: PGliteQueryable, text: string, params?: readonly SqlParam[]) {
  const bound = bindParams(text, params);
  const result = await db.query<R>(bound.text, bound.values, { parsers, serializers });
  return {
    rows: result.rows,
    rowCount: result.fields.length > 0 ? result.rows.length : (result.affectedRows ?? 0),
    fields: result.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
  } satisfies QueryResult<R>;
}

export interface PgliteClientOptions {
  /** Directory of the embedded database; omit for an in-memory one. */
  readonly dataDir?: string;
  /** A `dumpDataDir()` tarball to start from (a migrated snapshot starts far faster than initdb). */
  readonly loadDataDir?: Blob;
}

/** SqlClient over an embedded PGlite database (one connection; PGlite queues concurrent calls). */
export async function openPgliteClient(
  options: PgliteClientOptions = {},
): Promise<SqlClient & { db: PGlite }> {
  // PGlite's default shared_buffers (128 MB) sits in the WebAssembly heap from the first query:
  // 383 MB RSS once open and migrated, 270 MB with 32 MB. The data directory is on the host's disk,
  // so a buffer miss is a read from the OS page cache; a 200,000-row load was no slower (17.6 s
  // against 19.6 s with the default, docs/data-model.md).
  const pgOptions: PGliteOptions = { relaxedDurability: false, postgresqlconf: ['shared_buffers=32MB'] };
  if (options.loadDataDir) pgOptions.loadDataDir = options.loadDataDir;
  const db = options.dataDir
    ? await PGlite.create(options.dataDir, pgOptions)
    : await PGlite.create(pgOptions);
  await db.query("SET bytea_output = 'hex'");
  await db.query("SET TIME ZONE 'UTC'");
  return {
    dialect: 'pglite',
    db,
    query: (text, params) => run(db, text, params),
    transaction: (fn) =>
      db.transaction((tx) => {
        const executor: SqlExecutor = { query: (text, params) => run(tx, text, params) };
        return fn(executor);
      }),
    close: () => db.close(),
  };
}
