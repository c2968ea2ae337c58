import pg from 'pg';
import { connectionStringFromSecret } from './readConfig.ts';

/** Reads a secret's SecretString (Secrets Manager in AWS). */
export type FetchSecret = (secretArn: string) => Promise<string>;

export interface SecretConnectionOptions {
  /**
   * How long a password read from the secret is used for new connections. The stack rotates the
   * explorer's login every few days (hosted single-user rotation): after that, connections opened
   * with the old password fail until the next read, so at most this long. 60 s, one
   * GetSecretValue a minute at most (and only while connections are being opened).
   */
  readonly ttlMs?: number;
  /**
   * After the server refuses the password (`refused`), the secret is read again at the next new
   * connection, but not sooner than this after the last read: while a rotation is between
   * setting the new password and publishing it, the secret still holds the old one. 5 s.
   */
  readonly minRereadMs?: number;
  readonly now?: () => number;
}

/** The SQLSTATE PostgreSQL answers a wrong password with. */
const INVALID_PASSWORD = '28P01';

/** GetSecretValue through the AWS SDK, loaded only when the explorer runs on a secret. */
export function secretsManagerFetch(region: string | undefined): FetchSecret {
  return async (secretArn) => {
    const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
    const client = new SecretsManagerClient(region ? { region } : {});
    try {
      const secret = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
      if (!secret.SecretString) throw new Error(`secret ${secretArn} has no SecretString`);
      return secret.SecretString;
    } finally {
      client.destroy();
    }
  };
}

export interface SecretConnection {
  /** The URL without its password (see poolTarget). */
  readonly connectionString: string;
  /** pg's pool calls it for every new connection. */
  password(): Promise<string>;
  /** The server refused the password: read the secret again soon (see clientNoticingRefusal). */
  refused(): void;
}

/**
 * The connection URL from an RDS-style secret, without its password, and a `password` function
 * for pg's pool: the secret is read again once the last read is older than `ttlMs`, or soon after
 * the server refused the password, so the pool picks up a rotated password without a restart.
 */
export async function secretConnection(
  secretArn: string,
  fetchSecret: FetchSecret,
  options: SecretConnectionOptions = {},
): Promise<SecretConnection> {
  const { ttlMs = 60_000, minRereadMs = 5_000, now = Date.now } = options;
  const read = async () => {
    const url = new URL(connectionStringFromSecret(await fetchSecret(secretArn)));
    const password = decodeURIComponent(url.password);
    url.password = '';
    return { connectionString: url.toString(), password, readAt: now() };
  };
  let current = await read();
  let pending: Promise<typeof current> | undefined;
  let stale = false;
  return {
    connectionString: current.connectionString,
    async password() {
      const age = now() - current.readAt;
      if (age >= ttlMs || (stale && age >= minRereadMs)) {
        stale = false;
        pending ??= read().finally(() => {
          pending = undefined;
        });
        current = await pending;
      }
      return current.password;
    },
    refused() {
      stale = true;
    },
  };
}

/**
 * A pg Client class for the pool's `Client` option that calls `onRefused` when the server
 * refuses the password, so a rotated password is picked up within seconds instead of at the
 * cache's expiry. Connections already open are not affected by a rotation.
 */
function clientNoticingRefusal(onRefused: () => void): typeof pg.Client {
  const notice = (error: unknown) => {
    if ((error as { code?: unknown } | null)?.code === INVALID_PASSWORD) onRefused();
  };
  return class extends pg.Client {
    override connect(): Promise<pg.Client>;
    override connect(callback: (err: Error | null, client?: pg.Client) => void): void;
    override connect(
      callback?: (err: Error | null, client?: pg.Client) => void,
    ): Promise<pg.Client> | undefined {
      if (!callback) {
        return super.connect().catch((error: unknown) => {
          notice(error);
          throw error;
        });
      }
      super.connect((error: Error | null, client?: pg.Client) => {
        if (error) notice(error);
        callback(error, client);
      });
      return undefined;
    }
  };
}

/**
 * pg pool settings for a URL and, on a secret, its password function and a client class that
 * tells the secret when the server refuses the password (clientNoticingRefusal). pg lets the
 * values it parses out of a `connectionString` win over the others (an empty password among
 * them), so a password function only works with the URL taken apart. `sslmode=verify-full`
 * becomes TLS with the certificate and host name checked, which is what it means.
 */
export function poolTarget(
  connectionString: string,
  secret?: Pick<SecretConnection, 'password' | 'refused'>,
): pg.PoolConfig {
  if (!secret) return { connectionString };
  const url = new URL(connectionString);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    database: decodeURIComponent(url.pathname.slice(1)),
    password: secret.password,
    Client: clientNoticingRefusal(secret.refused),
    ...(url.searchParams.get('sslmode') === 'verify-full' ? { ssl: { rejectUnauthorized: true } } : {}),
  };
}
