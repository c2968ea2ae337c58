import { readFile, unlink } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { DataDirLayout } from './dataDirLayout.ts';
import { EmbeddedPostgresError } from './errors.ts';
import type { PostgresBinaries } from './postgresBinaries.ts';
import { runTool } from './runTool.ts';
import { serverSettings } from './serverSettings.ts';
import type { ServerUser } from './serverUser.ts';

/** Whether `port` is free on 127.0.0.1 right now. */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port the operating system says is free (an ephemeral one: never 5432). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The last lines of the server's log, for an error message. */
async function logTail(layout: DataDirLayout, lines = 8): Promise<string> {
  const text = await readFile(layout.serverLog, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Starts the cluster with pg_ctl, which detaches the server into its own session: Ctrl-C in the
 * terminal of the process that started it does not reach it, and it outlives that process when
 * others still use it. Prefers the port it had last time (so a psql connection string keeps
 * working), else any free port; retries on another port if that one is taken meanwhile.
 */
export async function startCluster(
  layout: DataDirLayout,
  binaries: PostgresBinaries,
  user: ServerUser,
  preferredPort?: number,
): Promise<{ port: number }> {
  // A lock file left by a dead server whose pid now belongs to another program would stop the start.
  await unlink(path.join(layout.cluster, 'postmaster.pid')).catch(() => {});
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port =
      attempt === 0 && preferredPort && preferredPort !== 5432 && (await portFree(preferredPort))
        ? preferredPort
        : await freePort();
    try {
      await runTool(
        binaries.pg_ctl,
        [
          'start',
          '--pgdata',
          layout.cluster,
          '--log',
          layout.serverLog,
          '--wait',
          '--timeout=60',
          '--silent',
          '-o',
          serverSettings(port).join(' '),
        ],
        user,
        'pg_ctl start',
      );
      return { port };
    } catch (error) {
      lastError = error;
      const tail = await logTail(layout);
      if (!/could not bind|Address already in use/i.test(tail)) {
        throw new EmbeddedPostgresError(
          `the embedded PostgreSQL in ${layout.cluster} did not start. Its log (${layout.serverLog}) ends:\n${tail}`,
          { cause: error },
        );
      }
    }
  }
  throw new EmbeddedPostgresError('the embedded PostgreSQL found no free port after 3 tries', {
    cause: lastError,
  });
}

/** Stops the cluster: fast shutdown (open transactions roll back, committed work is on disk). */
export async function stopCluster(layout: DataDirLayout, binaries: PostgresBinaries, user: ServerUser) {
  await runTool(
    binaries.pg_ctl,
    ['stop', '--pgdata', layout.cluster, '--mode=fast', '--wait', '--timeout=60', '--silent'],
    user,
    'pg_ctl stop',
  );
}
