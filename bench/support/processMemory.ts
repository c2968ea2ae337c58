import { readdirSync, readFileSync } from 'node:fs';

/** Parent pid of every running process (Linux /proc). */
function parents(): Map<number, number> {
  const map = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      map.set(Number(name), Number(fields[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  return map;
}

/** `roots` and every process descended from them. */
export function processTree(roots: readonly number[]): number[] {
  const parentOf = parents();
  const all = new Set(roots);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parentOf) {
      if (all.has(ppid) && !all.has(pid)) {
        all.add(pid);
        grew = true;
      }
    }
  }
  return [...all];
}

/**
 * Resident memory of a set of processes, in MB: `rss` adds each process's resident set (memory a
 * group shares, such as PostgreSQL's shared buffers, counted once per process that touched it);
 * `pss` divides each shared page among the processes that share it, so the sum is the memory the
 * group really holds. Both from /proc/<pid>/smaps_rollup.
 */
export function memoryOf(pids: readonly number[]): { rssMb: number; pssMb: number; processes: number } {
  let rss = 0;
  let pss = 0;
  let processes = 0;
  for (const pid of pids) {
    try {
      const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      rss += Number(/^Rss:\s+(\d+)/m.exec(text)?.[1] ?? 0);
      pss += Number(/^Pss:\s+(\d+)/m.exec(text)?.[1] ?? 0);
      processes += 1;
    } catch {
      // Gone, or not ours to read.
    }
  }
  return { rssMb: Math.round(rss / 1024), pssMb: Math.round(pss / 1024), processes };
}
