import { mkdir } from 'node:fs/promises';
import pg from 'pg';
import { clusterStatus } from './clusterStatus.ts';
import { type DataDirLayout, dataDirLayout } from './dataDirLayout.ts';
import { EmbeddedPostgresError } from './errors.ts';
import { withFileLock } from './fileLock.ts';
import { clusterExists, DATABASE, initCluster, readSecret, SUPERUSER } from './initCluster.ts';
import { findPgliteData } from './pglite/findPgliteData.ts';
import { placeBinaries, placeCluster } from './placeForServerUser.ts';
import { type PostgresBinaries, postgresBinaries } from './postgresBinaries.ts';
import { isRunning, ownIdentity } from './processIdentity.ts';
import { readServerRecord, removeServerRecord, writeServerRecord } from './serverRecord.ts';
import { type ServerUser, serverUser } from './serverUser.ts';
import { serverUsers } from './serverUsers.ts';
import { startCluster, stopCluster } from './startCluster.ts';

export interface AttachOptions {
  /** The tubelens data dir (default `.tubelens`). */
  readonly dataDir?: string;
  /** What this process is, for the records and for messages to other processes (`tubelens load`). */
  readonly command: string;
  /** One line at a time: what is happening to the server (created, started, reused, stopped). */
  readonly log?: (line: string) => void;
  /** Converts a PGlite database of tubelens 0.1 found in the data dir (see pglite/). */
  readonly convertPglite?: (layout: DataDirLayout, url: string, log: (line: string) => void) => Promise<void>;
}

/** A tubelens process's hold on its data dir's server. */
export interface EmbeddedPostgres {
  /** `postgres://postgres:<secret>@127.0.0.1:<port>/tubelens` */
  readonly url: string;
  readonly port: number;
  readonly layout: DataDirLayout;
  /**
   * Leaves the server; the last tubelens process to leave stops it. Resolves with what became of
   * it: 'stopped', or the other processes still using it. Pair each attach with one release.
   */
  release(): Promise<string>;
}

const urlOf = (secret: string, port: number, database: string) =>
  `postgres://${SUPERUSER}:${encodeURIComponent(secret)}@127.0.0.1:${port}/${database}`;

/** Creates the `tubelens` database on a freshly started cluster when it is not there yet. */
async function ensureDatabase(secret: string, port: number): Promise<void> {
  const client = new pg.Client({ connectionString: urlOf(secret, port, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

/** What starting and stopping the server needs, worked out once per attach. */
interface ServerContext {
  readonly layout: DataDirLayout;
  readonly binaries: PostgresBinaries;
  readonly user: ServerUser;
}

async function serverContext(
  dataDir: string | undefined,
  log: (line: string) => void,
): Promise<ServerContext> {
  const user = await serverUser();
  const binaries = await placeBinaries(await postgresBinaries(), user);
  const layout = await placeCluster(dataDirLayout(dataDir), user, log);
  return { layout, binaries, user };
}

/** Under the lock: makes sure the server runs, and says how it came to. */
async function bringUp(
  { layout, binaries, user }: ServerContext,
  command: string,
  log: (line: string) => void,
) {
  if (!(await clusterExists(layout))) {
    log(`creating the embedded PostgreSQL database in ${layout.cluster} (first run)`);
    const { locale, collation } = await initCluster(layout, binaries, user);
    log(`  PostgreSQL 17, UTF8, characters ${locale}, collation ${collation}, running as ${user.name}`);
  }
  const secret = await readSecret(layout);
  const status = await clusterStatus(layout);
  const record = await readServerRecord(layout.record);
  if (status.state === 'running' && status.phase !== 'stopping') {
    const users = await serverUsers(layout.users).others(process.pid);
    if (users.length === 0 && record && !(await isRunning({ pid: record.startedBy.pid, started: '' }))) {
      log(
        `reusing the embedded PostgreSQL on port ${status.port}, left running by process ${record.startedBy.pid} ` +
          `(${record.startedBy.command}), which has ended`,
      );
    }
    return { secret, port: status.port, startedHere: false };
  }
  if (status.state === 'running') {
    // Another process's fast shutdown is under way: wait for it, then start afresh.
    await stopCluster(layout, binaries, user).catch(() => {});
  }
  if (status.state === 'stale') {
    log(
      `the embedded PostgreSQL in ${layout.cluster} was not shut down cleanly (process ${status.pid} is gone); ` +
        'starting it again: it recovers every committed transaction from its write-ahead log',
    );
  }
  const { port } = await startCluster(layout, binaries, user, record?.port);
  await ensureDatabase(secret, port);
  const started = await clusterStatus(layout);
  await writeServerRecord(layout.record, {
    host: '127.0.0.1',
    port,
    database: DATABASE,
    user: SUPERUSER,
    pid: started.state === 'running' ? started.pid : 0,
    version: '17',
    startedAt: new Date().toISOString(),
    startedBy: { pid: process.pid, command },
  });
  return { secret, port, startedHere: true };
}

/** Under the lock: forgets this process and stops the server when no other process uses it. */
async function leave({ layout, binaries, user }: ServerContext): Promise<string> {
  const users = serverUsers(layout.users);
  await users.remove(process.pid);
  const others = await users.others(process.pid);
  if (others.length > 0) {
    const list = others.map((o) => `${o.pid} (${o.command})`).join(', ');
    return `left the embedded PostgreSQL running: process ${list} still uses it`;
  }
  const status = await clusterStatus(layout);
  if (status.state !== 'running') return 'the embedded PostgreSQL was not running';
  await stopCluster(layout, binaries, user);
  await removeServerRecord(layout.record);
  return 'stopped the embedded PostgreSQL';
}

// One hold per data dir per process: `tubelens start` and what it runs share it.
const holds = new Map<string, { count: number; attached: Promise<EmbeddedPostgres> }>();

/**
 * Joins the data dir's PostgreSQL server, starting it (and creating it, on the first run) when no
 * tubelens process runs it yet. Every tubelens process on a data dir shares that one server over
 * `pg`; a lock file orders starts and stops, and a file per process says who still uses it.
 */
export function attachEmbeddedPostgres(options: AttachOptions): Promise<EmbeddedPostgres> {
  const root = dataDirLayout(options.dataDir).root;
  const held = holds.get(root);
  if (held) {
    held.count += 1;
    return held.attached;
  }
  const log = options.log ?? (() => {});
  const attached = (async (): Promise<EmbeddedPostgres> => {
    await mkdir(root, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
      // EEXIST: a file by that name; ENOTDIR: a file on the way to it.
      if (error.code !== 'EEXIST' && error.code !== 'ENOTDIR') throw error;
      throw new EmbeddedPostgresError(
        `the data dir ${root} is not a directory (a file is in the way); name a directory, which is created if missing`,
        { cause: error },
      );
    });
    const context = await serverContext(options.dataDir, log);
    const { layout } = context;
    const me = await ownIdentity();
    const { secret, port } = await withFileLock(
      layout.lock,
      async () => {
        const up = await bringUp(context, options.command, log);
        await serverUsers(layout.users).add(me, options.command);
        const legacy = await findPgliteData(layout);
        if (legacy) {
          if (!options.convertPglite) {
            throw new EmbeddedPostgresError(
              `${legacy} holds a PGlite database of an earlier tubelens; run \`npx tubelens start --once\` to convert it`,
            );
          }
          await options.convertPglite(layout, urlOf(up.secret, up.port, DATABASE), log);
        }
        return up;
      },
      {
        purpose: `starting the database for ${options.command}`,
        onWait: (who) => log(`waiting for the database: ${who}`),
      },
    ).catch(async (error) => {
      await withFileLock(layout.lock, () => leave(context), { purpose: 'stopping the database' }).catch(
        () => {},
      );
      throw error;
    });
    let released = false;
    return {
      url: urlOf(secret, port, DATABASE),
      port,
      layout,
      async release() {
        const hold = holds.get(root);
        if (released || !hold) return 'already released';
        hold.count -= 1;
        if (hold.count > 0) return 'still used by this process';
        released = true;
        holds.delete(root);
        return withFileLock(layout.lock, () => leave(context), {
          purpose: `stopping the database after ${options.command}`,
        });
      },
    };
  })();
  holds.set(root, { count: 1, attached });
  attached.catch(() => holds.delete(root));
  return attached;
}
