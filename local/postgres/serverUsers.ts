import { mkdir, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { isRunning, type ProcessIdentity } from './processIdentity.ts';

const UserFile = z.object({ pid: z.number().int(), started: z.string(), command: z.string() });

/**
 * Which tubelens processes are using a data dir's server: one small file each, named by pid. The
 * last process to leave stops the server; a file whose process has died (kill -9, a crash) does
 * not count and is removed by whoever looks next. Read and written under the data dir's lock.
 */
export function serverUsers(dir: string) {
  const fileOf = (pid: number) => path.join(dir, String(pid));
  return {
    async add(identity: ProcessIdentity, command: string): Promise<void> {
      await mkdir(dir, { recursive: true });
      await writeFile(fileOf(identity.pid), JSON.stringify({ ...identity, command }));
    },
    async remove(pid: number): Promise<void> {
      await unlink(fileOf(pid)).catch(() => {});
    },
    /** The processes still running that use the server, other than `except`; removes dead ones. */
    async others(except: number): Promise<z.infer<typeof UserFile>[]> {
      const names = await readdir(dir).catch(() => [] as string[]);
      const alive: z.infer<typeof UserFile>[] = [];
      for (const name of names) {
        if (name === String(except)) continue;
        const parsed = await readFile(path.join(dir, name), 'utf8').then(
          (text) => UserFile.safeParse(JSON.parse(text)).data,
          () => undefined,
        );
        if (parsed && (await isRunning(parsed))) alive.push(parsed);
        else await unlink(path.join(dir, name)).catch(() => {});
      }
      return alive;
    },
  };
}
