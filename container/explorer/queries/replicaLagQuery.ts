import type { SqlExecutor } from '../../../db/sql/SqlClient.ts';

/**
 * How many seconds the connected server is behind the primary, or null on a primary.
 *
 * Aurora PostgreSQL readers report their lag in aurora_replica_status() (replica_lag_in_msec, the
 * row of this instance); a streaming replica of plain PostgreSQL reports the commit time of the
 * last transaction it replayed. On a replica that has replayed everything it received the lag is 0,
 * not the age of the last commit (an idle primary would otherwise look far ahead of its replica).
 */
export async function replicaLagQuery(db: SqlExecutor): Promise<number | null> {
  const { rows } = await db.query<{ replica: boolean; aurora: boolean }>(
    `SELECT pg_is_in_recovery() AS replica,
            to_regprocedure('aurora_replica_status()') IS NOT NULL AS aurora`,
  );
  const { replica, aurora } = rows[0]!;
  if (!replica) return null;
  const lag = aurora
    ? await db.query<{ lag: number | null }>(
        `SELECT replica_lag_in_msec::float8 / 1000 AS lag
         FROM aurora_replica_status() WHERE server_id = aurora_db_instance_identifier()`,
      )
    : await db.query<{ lag: number | null }>(
        `SELECT CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                     ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 END AS lag`,
      );
  const seconds = lag.rows[0]?.lag;
  return seconds === null || seconds === undefined ? null : Math.max(0, seconds);
}
