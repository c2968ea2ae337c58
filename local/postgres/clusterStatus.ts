import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DataDirLayout } from './dataDirLayout.ts';

/**
 * What PostgreSQL's own lock file (`postmaster.pid`) says about the cluster:
 * - `stopped`: no lock file, the server is not running;
 * - `running`: the postmaster is alive (its `status` line says ready, starting or stopping);
 * - `stale`: a lock file whose process is gone (the server was killed, or the machine rebooted);
 *   starting it again is safe: PostgreSQL replays its write-ahead log.
 */
export type ClusterStatus =
  | { readonly state: 'stopped' }
  | { readonly state: 'stale'; readonly pid: number }
  | {
      readonly state: 'running';
      readonly pid: number;
      readonly port: number;
      readonly phase: 'ready' | 'starting' | 'stopping' | 'standby' | 'unknown';
    };

async function isPostmaster(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (process.platform !== 'linux') return true;
  // A recycled pid (common in containers after a restart) is some other program.
  const comm = await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '');
  return comm.trim() === 'postgres';
}

export async function clusterStatus(layout: DataDirLayout): Promise<ClusterStatus> {
  let text: string;
  try {
    text = await readFile(path.join(layout.cluster, 'postmaster.pid'), 'utf8');
  } catch {
    return { state: 'stopped' };
  }
  // Lines: pid, data dir, start time, port, socket dir, listen address, shared memory key, status.
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0) return { state: 'stale', pid: 0 };
  if (!(await isPostmaster(pid))) return { state: 'stale', pid };
  const status = (lines[7] ?? '').trim();
  const phase =
    (['ready', 'starting', 'stopping', 'standby'] as const).find((p) => p === status) ?? 'unknown';
  return { state: 'running', pid, port: Number(lines[3]), phase };
}
