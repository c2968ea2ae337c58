import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildExplorerClient } from '../../container/build.ts';
import { jsonLogger, type Logger } from '../../container/explorer/log.ts';
import { parseSiteUrl, readAccessConfig } from '../../container/explorer/readConfig.ts';
import { type RunningExplorer, startExplorer } from '../../container/explorer/startExplorer.ts';
import type { SqlClient } from '../../db/sql/SqlClient.ts';

export interface StartLocalExplorerOptions {
  /** An open, migrated pg database (the embedded server or DATABASE_URL); left open on close. */
  readonly sql: SqlClient;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** Extra allowed origins; default from EXPLORER_ALLOWED_ORIGINS. */
  readonly allowedOrigins?: readonly string[];
  /**
   * Read as the container reads it: EXPLORER_ALLOWED_ORIGINS, EXPLORER_ALLOWED_HOSTS,
   * EXPLORER_TRUSTED_PROXY_HOPS and the sign-in variables (EXPLORER_AUTH=jwt turns sign-in on;
   * off unless asked for).
   */
  readonly env?: NodeJS.ProcessEnv;
  /** Warnings and errors as JSON lines on stderr unless given. */
  readonly log?: Logger;
  /** The report site's address, linked from the page; default from EXPLORER_SITE_URL. */
  readonly siteUrl?: string;
}

/**
 * Runs the explorer inside this process for `tubelens explorer` and `npm start`: builds the page
 * (esbuild, well under a second) and serves it beside live queries on `sql`. Returns `{ url, close }`;
 * `close` leaves `sql` open for its owner.
 */
export async function startLocalExplorer(options: StartLocalExplorerOptions): Promise<RunningExplorer> {
  const access = readAccessConfig(options.env ?? process.env);
  const siteUrl = options.siteUrl ?? parseSiteUrl((options.env ?? process.env).EXPLORER_SITE_URL);
  const assetsDir = await buildExplorerClient(
    path.join(fileURLToPath(new URL('../../', import.meta.url)), '.tubelens', 'explorer-public'),
  );
  return startExplorer({
    sql: options.sql,
    assetsDir,
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    allowedOrigins: options.allowedOrigins ?? access.allowedOrigins,
    allowedHosts: access.allowedHosts,
    trustedProxyHops: access.trustedProxyHops,
    auth: access.auth,
    log: options.log ?? jsonLogger('warn', (line) => process.stderr.write(line)),
    ...(siteUrl ? { siteUrl } : {}),
  });
}
