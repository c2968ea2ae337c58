import { randomBytes } from 'node:crypto';
import { access, chown, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chooseLocale } from './chooseLocale.ts';
import type { DataDirLayout } from './dataDirLayout.ts';
import type { PostgresBinaries } from './postgresBinaries.ts';
import { runTool } from './runTool.ts';
import type { ServerUser } from './serverUser.ts';

/** The cluster's superuser, and the database tubelens keeps its tables in. */
export const SUPERUSER = 'postgres';
export const DATABASE = 'tubelens';

/** Whether `layout.cluster` holds an initialised cluster. */
export async function clusterExists(layout: DataDirLayout): Promise<boolean> {
  return access(path.join(layout.cluster, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
}

/** The superuser's password, written at initdb. */
export async function readSecret(layout: DataDirLayout): Promise<string> {
  return (await readFile(layout.secret, 'utf8')).trim();
}

/**
 * The default collation: byte order. Every sort, index and comparison of text then costs a
 * memcmp instead of a strcoll call, and PostgreSQL can sort by abbreviated keys: bulk loads are
 * faster (measured in docs/embedded-database.md, "Locale and collation"). The order is the same
 * as C.UTF-8's: UTF-8 bytes sort as code points. Character classes and case (what pg_trgm,
 * lower() and regular expressions use) come from the UTF-8 locale, which the title search needs.
 */
const COLLATION = 'C';

/**
 * Creates the cluster: UTF-8 with the best UTF-8 locale (see chooseLocale) for character classes
 * and byte order for sorting (COLLATION), password
 * authentication (scram-sha-256) for every connection, and a random superuser password kept in
 * the data dir with mode 0600. A half-made cluster from an interrupted first run is removed first.
 */
export async function initCluster(
  layout: DataDirLayout,
  binaries: PostgresBinaries,
  user: ServerUser,
): Promise<{ locale: string; collation: string }> {
  await rm(layout.cluster, { recursive: true, force: true });
  await mkdir(layout.cluster, { recursive: true, mode: 0o700 });
  if (user.spawn.uid !== undefined) await chown(layout.cluster, user.spawn.uid, user.spawn.gid ?? -1);
  const secret = randomBytes(24).toString('base64url');
  await writeFile(layout.secret, `${secret}\n`, { mode: 0o600 });
  // initdb reads the password from a file, as the server's user.
  const pwfile = path.join(os.tmpdir(), `tubelens-pw-${process.pid}-${randomBytes(4).toString('hex')}`);
  await writeFile(pwfile, `${secret}\n`, { mode: 0o600 });
  try {
    if (user.spawn.uid !== undefined) await chown(pwfile, user.spawn.uid, user.spawn.gid ?? -1);
    const locale = await chooseLocale();
    await runTool(
      binaries.initdb,
      [
        `--pgdata=${layout.cluster}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        `--locale=${locale}`,
        `--lc-collate=${COLLATION}`,
      ],
      user,
      'initdb',
    );
    return { locale, collation: COLLATION };
  } finally {
    await rm(pwfile, { force: true });
  }
}
