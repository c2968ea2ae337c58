import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { z } from 'zod';

/**
 * `server.json`: the record of the running server, for people and for other tubelens processes.
 * PostgreSQL's own `postmaster.pid` is the truth about the server (read by `clusterStatus`); this
 * adds who started it and how to reach it, and is rewritten on every start.
 */
export const ServerRecord = z.object({
  host: z.literal('127.0.0.1'),
  port: z.number().int().min(1).max(65_535),
  database: z.string(),
  user: z.string(),
  /** The postmaster's pid. */
  pid: z.number().int(),
  version: z.string(),
  startedAt: z.string(),
  startedBy: z.object({ pid: z.number().int(), command: z.string() }),
});
export type ServerRecord = z.infer<typeof ServerRecord>;

/** The last record, or undefined when there is none or it does not parse (it is advisory). */
export async function readServerRecord(file: string): Promise<ServerRecord | undefined> {
  try {
    return ServerRecord.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch {
    return undefined;
  }
}

/** Replaces the record atomically (write then rename), so a reader never sees half of it. */
export async function writeServerRecord(file: string, record: ServerRecord): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o644 });
  await rename(temp, file);
}

export async function removeServerRecord(file: string): Promise<void> {
  await unlink(file).catch(() => {});
}
