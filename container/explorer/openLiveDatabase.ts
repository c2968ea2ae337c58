import pg from 'pg';
import type { LiveDatabase } from './liveDatabase.ts';
import { pgLiveDatabase } from './pgLiveDatabase.ts';
import type { ExplorerConfig } from './readConfig.ts';
import { poolTarget, secretConnection, secretsManagerFetch } from './secretConnection.ts';

/**
 * The URL with its host replaced by the cluster's reader endpoint (issue 18): the same port, user,
 * password, database and TLS settings, so many analysts read from readers and never load the
 * writer that ingest and refresh use. Without a reader host the URL is left as it is.
 */
export function readerConnectionString(connectionString: string, readerHost: string | undefined): string {
  if (!readerHost) return connectionString;
  const url = new URL(connectionString);
  url.hostname = readerHost;
  return url.toString();
}

/**
 * Opens the configured database as a pg pool, on the reader endpoint when one is configured. The
 * pool's sessions are read-only with the statement timeout set at connect time, so a view needs no
 * BEGIN/COMMIT; `close` ends what was opened.
 */
export async function openLiveDatabase(
  config: Pick<
    ExplorerConfig,
    'database' | 'readerHost' | 'poolSize' | 'statementTimeoutMs' | 'testQueryDelayMs'
  >,
): Promise<{ live: LiveDatabase; close(): Promise<void> }> {
  const liveOptions = { statementTimeoutMs: config.statementTimeoutMs, testDelayMs: config.testQueryDelayMs };
  const db = config.database;
  // On a secret, the password is read again after a rotation, or once the server refuses it
  // (see secretConnection).
  const secret =
    db.kind === 'secret' ? await secretConnection(db.secretArn, secretsManagerFetch(db.region)) : undefined;
  const connectionString = readerConnectionString(
    secret ? secret.connectionString : db.kind === 'url' ? db.url : '',
    config.readerHost,
  );
  const pool = new pg.Pool({
    ...poolTarget(connectionString, secret),
    max: config.poolSize,
    application_name: 'tubelens-explorer',
    // UTC and hex bytea as every tubelens connection (db/sql/pgClient.ts); read-only and
    // time-limited for every statement this process runs.
    options: `-c TimeZone=UTC -c bytea_output=hex -c default_transaction_read_only=on -c statement_timeout=${config.statementTimeoutMs}`,
  });
  // An idle client that loses its connection emits 'error' on the pool; the next query reconnects.
  pool.on('error', () => {});
  return {
    live: pgLiveDatabase(pool, { ...liveOptions, readOnlySessions: true }),
    close: () => pool.end(),
  };
}
