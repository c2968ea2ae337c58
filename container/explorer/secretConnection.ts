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
  readonly now?: () => number;
}

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

/**
 * The connection URL from an RDS-style secret, without its password, and a `password` function
 * for pg's pool (pg calls it for every new connection): the secret is read again once the last
 * read is older than `ttlMs`, so the pool picks up a rotated password without a restart.
 */
export async function secretConnection(
  secretArn: string,
  fetchSecret: FetchSecret,
  options: SecretConnectionOptions = {},
): Promise<{ connectionString: string; password: () => Promise<string> }> {
  const { ttlMs = 60_000, now = Date.now } = options;
  const read = async () => {
    const url = new URL(connectionStringFromSecret(await fetchSecret(secretArn)));
    const password = decodeURIComponent(url.password);
    url.password = '';
    return { connectionString: url.toString(), password, readAt: now() };
  };
  let current = await read();
  let pending: Promise<typeof current> | undefined;
  return {
    connectionString: current.connectionString,
    async password() {
      if (now() - current.readAt >= ttlMs) {
        pending ??= read().finally(() => {
          pending = undefined;
        });
        current = await pending;
      }
      return current.password;
    },
  };
}

/**
 * pg pool settings for a URL and a password function. pg lets the values it parses out of a
 * `connectionString` win over the others (an empty password among them), so a password function
 * only works with the URL taken apart. `sslmode=verify-full` becomes TLS with the certificate and
 * host name checked, which is what it means.
 */
export function poolTarget(
  connectionString: string,
  password?: () => Promise<string>,
): import('pg').PoolConfig {
  if (!password) return { connectionString };
  const url = new URL(connectionString);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    database: decodeURIComponent(url.pathname.slice(1)),
    password,
    ...(url.searchParams.get('sslmode') === 'verify-full' ? { ssl: { rejectUnauthorized: true } } : {}),
  };
}
