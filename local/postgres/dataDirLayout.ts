import path from 'node:path';

/** Where the embedded database lives unless `--data-dir` says otherwise. */
export const DEFAULT_DATA_DIR = '.tubelens';

/**
 * What a tubelens data dir holds. Everything the embedded server needs sits under one folder, so
 * copying or deleting that folder copies or deletes the database:
 * - `postgres/`        the PostgreSQL cluster (PGDATA), owned by the server's user;
 * - `postgres/server.log` the server's own log (pg_ctl -l);
 * - `server.json`      the record of the running server: port, pid, who started it;
 * - `secret`           the superuser password (mode 0600), generated at initdb;
 * - `run/lock`         held while a process starts or stops the server;
 * - `run/users/<pid>`  one file per tubelens process using the server (the last one out stops it);
 * - `pgdata/`          a PGlite database made by tubelens 0.1 (converted once, then kept as
 *                      `pglite-backup/`).
 */
export interface DataDirLayout {
  readonly root: string;
  readonly cluster: string;
  readonly serverLog: string;
  readonly record: string;
  readonly secret: string;
  readonly lock: string;
  readonly users: string;
  /** A PGlite directory of an earlier version, if one is to be converted (see findPgliteData). */
  readonly legacyPglite: readonly string[];
  readonly pgliteBackup: string;
}

export function dataDirLayout(dataDir: string = DEFAULT_DATA_DIR): DataDirLayout {
  const root = path.resolve(dataDir);
  const cluster = path.join(root, 'postgres');
  return {
    root,
    cluster,
    serverLog: path.join(cluster, 'server.log'),
    record: path.join(root, 'server.json'),
    secret: path.join(root, 'secret'),
    lock: path.join(root, 'run', 'lock'),
    users: path.join(root, 'run', 'users'),
    // tubelens 0.1 kept PGlite in `.tubelens/pgdata` by default, or in the `--data-dir` itself.
    legacyPglite: [path.join(root, 'pgdata'), root],
    pgliteBackup: path.join(root, 'pglite-backup'),
  };
}
