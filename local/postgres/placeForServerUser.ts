import { createHash } from 'node:crypto';
import { access, chmod, cp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DataDirLayout } from './dataDirLayout.ts';
import type { PostgresBinaries } from './postgresBinaries.ts';
import { blockedFolder, type ServerUser } from './serverUser.ts';

/**
 * Where root keeps what the `postgres` user must reach when the project's folders shut it out:
 * /var/tmp survives reboots (unlike /tmp on many systems) and every user may enter it.
 */
const SHARED_ROOT = path.join(process.platform === 'linux' ? '/var/tmp' : os.tmpdir(), 'tubelens-postgres');

/**
 * The cluster's place. It lives in the data dir, unless the server's user cannot enter that
 * folder (root running a checkout under /root, mode 700, while the server runs as `postgres`):
 * then in a folder of its own under /var/tmp, named after the data dir so that every process on
 * it finds the same one, and the data dir says where (`cluster-location`).
 */
export async function placeCluster(
  layout: DataDirLayout,
  user: ServerUser,
  log: (line: string) => void,
): Promise<DataDirLayout> {
  const blocked = await blockedFolder(layout.root, user);
  if (!blocked) return layout;
  const name = createHash('sha256').update(layout.root).digest('hex').slice(0, 16);
  const cluster = path.join(SHARED_ROOT, 'clusters', name);
  await mkdir(path.dirname(cluster), { recursive: true, mode: 0o755 });
  await chmod(SHARED_ROOT, 0o755);
  const note = path.join(layout.root, 'cluster-location');
  await writeFile(note, `${cluster}\n`);
  const first = !(await access(path.join(cluster, 'PG_VERSION')).then(
    () => true,
    () => false,
  ));
  if (first)
    log(
      `the server runs as \`${user.name}\`, which cannot enter ${blocked}; ` +
        `the cluster of ${layout.root} lives in ${cluster} instead (see ${note})`,
    );
  return { ...layout, cluster, serverLog: path.join(cluster, 'server.log') };
}

/**
 * The binaries, where the server's user can run them: in node_modules, or copied once (with their
 * libraries, 60 MB) under /var/tmp when node_modules is out of its reach, for the same reason.
 */
export async function placeBinaries(binaries: PostgresBinaries, user: ServerUser): Promise<PostgresBinaries> {
  const native = path.dirname(path.dirname(binaries.pg_ctl));
  if (!(await blockedFolder(native, user))) return binaries;
  const version = createHash('sha256').update(native).digest('hex').slice(0, 12);
  const copy = path.join(SHARED_ROOT, 'binaries', version);
  const inside = (binary: string) => path.join(copy, path.relative(native, binary));
  const placed = {
    initdb: inside(binaries.initdb),
    pg_ctl: inside(binaries.pg_ctl),
    postgres: inside(binaries.postgres),
  };
  if (!(await blockedFolder(placed.pg_ctl, user).catch(() => 'missing'))) return placed;
  // Copied beside, then renamed into place: two processes copying at once both end with a whole copy.
  const temp = `${copy}.${process.pid}.tmp`;
  await mkdir(path.dirname(copy), { recursive: true, mode: 0o755 });
  await chmod(SHARED_ROOT, 0o755);
  await cp(native, temp, { recursive: true, verbatimSymlinks: true });
  await chmod(temp, 0o755);
  await rename(temp, copy).catch(() => rm(temp, { recursive: true, force: true }));
  return placed;
}
