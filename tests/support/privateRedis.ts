import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import { inject } from 'vitest';

/** Why a private Redis cannot be started here, or '' when `redis-server` is on PATH. Throws when servers are required. */
export function privateRedisSkipReason(): string {
  if (spawnSync('redis-server', ['--version']).status === 0) return '';
  if (inject('requireServers')) throw new Error('TUBELENS_REQUIRE_SERVERS=1 but redis-server is not on PATH');
  return 'skipped: no redis-server on PATH';
}

export interface PrivateRedis {
  readonly url: string;
  /** Kills the server (connections drop at once: "Redis is down"). */
  kill(): Promise<void>;
  /** Freezes the server (connections stay open, nothing answers: "Redis hangs"). */
  pause(): void;
  resume(): void;
  /** Starts a fresh server on the same port after `kill`. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function launch(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--loglevel',
      'warning',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    const probe = setInterval(() => {
      const socket = net.connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        clearInterval(probe);
        resolve(child);
      });
      socket.once('error', () => socket.destroy());
    }, 50);
    child.once('exit', (code) => {
      clearInterval(probe);
      reject(new Error(`redis-server exited with ${code}`));
    });
  });
}

/**
 * A Redis server of this test's own on a free port, so that a test can take Redis down for real
 * without touching the shared one on 6379.
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child = await launch(port);
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    kill,
    pause: () => child.kill('SIGSTOP'),
    resume: () => child.kill('SIGCONT'),
    async restart() {
      await kill();
      child = await launch(port);
    },
    stop: kill,
  };
}
