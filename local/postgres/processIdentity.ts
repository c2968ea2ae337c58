import { readFile } from 'node:fs/promises';

/**
 * Names a running process so that a recycled pid is not mistaken for it: the pid and, on Linux,
 * its start time in clock ticks since boot (field 22 of /proc/<pid>/stat). A data dir's records
 * outlive the processes that wrote them (kill -9, a reboot), and pids are reused, quickly so in
 * containers.
 */
export interface ProcessIdentity {
  readonly pid: number;
  /** '' where the platform has no /proc; then only the pid is compared. */
  readonly started: string;
}

/**
 * The start time of a live process, or undefined when it is gone. A zombie (state Z: it has
 * exited, and its parent has not collected it) counts as gone: a tubelens killed with its parent
 * shell is re-parented to PID 1, which in a container may never collect it, and a zombie would
 * otherwise hold the server "in use" for good.
 */
async function startTimeOf(pid: number): Promise<string | undefined> {
  if (process.platform !== 'linux') return '';
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z' || fields[0] === 'X') return undefined;
    return fields[19] ?? '';
  } catch {
    return undefined;
  }
}

/** This process's identity. */
export async function ownIdentity(): Promise<ProcessIdentity> {
  return { pid: process.pid, started: (await startTimeOf(process.pid)) ?? '' };
}

/** Whether the process that recorded `identity` is still running. */
export async function isRunning(identity: ProcessIdentity): Promise<boolean> {
  try {
    process.kill(identity.pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to another user (e.g. the server, run as `postgres`).
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const started = await startTimeOf(identity.pid);
  if (started === undefined) return false;
  return identity.started === '' || started === '' || started === identity.started;
}
