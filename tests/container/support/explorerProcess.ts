import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, readdir, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { buildExplorer } from '../../../container/build.ts';
import { SERVER_ARGS } from '../../../container/serverArgs.ts';

const containerDir = fileURLToPath(new URL('../../../container/', import.meta.url));
const serverJs = path.join(containerDir, 'dist', 'server.js');

async function newestSource(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isDirectory() || entry.parentPath.includes(`${path.sep}dist`)) continue;
    newest = Math.max(newest, (await stat(path.join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
}

/**
 * Builds container/dist with `npm run build:explorer`'s code unless it is newer than every
 * source. Test files run in parallel, so a directory lock makes one of them build.
 */
export async function ensureExplorerBuilt(): Promise<void> {
  const lock = path.join(containerDir, '.build-lock');
  for (let i = 0; ; i += 1) {
    try {
      await mkdir(lock);
      break;
    } catch {
      // A build takes a few seconds; a lock older than two minutes was left by a killed run.
      const age = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > 120_000) await rmdir(lock).catch(() => {});
      if (i > 600) throw new Error(`${lock} is held for over a minute; remove it if no build runs`);
      await sleep(100);
    }
  }
  try {
    const built = await stat(serverJs).then(
      (s) => s.mtimeMs,
      () => 0,
    );
    const sources = Math.max(
      await newestSource(containerDir),
      await newestSource(fileURLToPath(new URL('../../../db/', import.meta.url))),
      await newestSource(fileURLToPath(new URL('../../../site/src/', import.meta.url))),
    );
    if (built < sources) await buildExplorer();
  } finally {
    await rmdir(lock);
  }
}

export interface LogEntry {
  level: string;
  msg: string;
  [key: string]: unknown;
}

export interface ExplorerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  readonly logs: LogEntry[];
  /** Resolves with the first log entry that matches (past or future). */
  waitForLog(match: (entry: LogEntry) => boolean, timeoutMs?: number): Promise<LogEntry>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/**
 * Starts the explorer exactly as the container does: `node` with SERVER_ARGS, container/ as the
 * working directory, on PORT=0, and reads its JSON log lines for the URL.
 */
export async function startExplorerProcess(env: Record<string, string>): Promise<ExplorerProcess> {
  const child = spawn(process.execPath, [...SERVER_ARGS], {
    cwd: containerDir,
    env: { PATH: process.env.PATH ?? '', TZ: 'UTC', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogEntry[] = [];
  const waiters: { match: (e: LogEntry) => boolean; resolve: (e: LogEntry) => void }[] = [];
  let buffered = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      newline = buffered.indexOf('\n');
      if (!line.trim()) continue;
      const entry = JSON.parse(line) as LogEntry;
      logs.push(entry);
      for (const w of [...waiters]) {
        if (w.match(entry)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(entry);
        }
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitForLog = (match: (e: LogEntry) => boolean, timeoutMs = 20_000) => {
    const seen = logs.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise<LogEntry>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching log line; logs: ${JSON.stringify(logs)} stderr: ${stderr}`)),
        timeoutMs,
      );
      waiters.push({
        match,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e);
        },
      });
    });
  };
  const listening = await Promise.race([
    waitForLog((e) => e.msg === 'listening'),
    exited.then((code) => {
      throw new Error(`explorer exited with ${code} before listening: ${stderr} ${JSON.stringify(logs)}`);
    }),
  ]);
  return {
    url: String(listening.url),
    child,
    logs,
    waitForLog,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await Promise.race([exited, sleep(25_000)]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    },
  };
}
