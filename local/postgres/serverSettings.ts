/**
 * The settings the embedded server runs with, passed on its command line at every start (so they
 * live here, in code, rather than in a config file inside the cluster).
 * - Loopback only, on the port tubelens chose: never 5432, where a machine's own PostgreSQL listens.
 * - No Unix socket: every client, ours or psql, connects over TCP to 127.0.0.1, and two clusters
 *   never fight over a socket file in /tmp.
 * - shared_buffers 64 MB (default 128 MB): the whole demo system, every process included, stays
 *   well under its memory target (docs/development.md), and loads are no slower (measured there).
 * - fsync and synchronous_commit stay on: a committed load survives a crash of the machine.
 */
export function serverSettings(port: number): string[] {
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    port: String(port),
    unix_socket_directories: "''",
    shared_buffers: '64MB',
    max_connections: '100',
    // A bulk load writes WAL quickly; fewer forced checkpoints in the middle of one.
    max_wal_size: '2GB',
    // Time zone of the server's own log lines; sessions set theirs (UTC) when they connect.
    log_timezone: 'UTC',
  };
  return Object.entries(settings).flatMap(([key, value]) => ['-c', `${key}=${value}`]);
}
