import { ConfigError } from './errors.ts';
import {
  DEFAULT_LIMITS,
  DEFAULT_POOL_SIZE,
  DEFAULT_STATEMENT_TIMEOUT_MS,
  type ExplorerLimits,
} from './options.ts';

export type DatabaseConfig =
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'secret'; readonly secretArn: string; readonly region: string | undefined };

/** The explorer process's configuration, read once from the environment at start-up. */
export interface ExplorerConfig {
  readonly port: number;
  readonly host: string;
  readonly database: DatabaseConfig;
  readonly poolSize: number;
  readonly statementTimeoutMs: number;
  readonly redisUrl: string | undefined;
  readonly redisPrefix: string | undefined;
  readonly allowedOrigins: string[];
  readonly limits: ExplorerLimits;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  readonly testQueryDelayMs: number;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min) {
    throw new ConfigError(`${name} must be a whole number of at least ${min}, got ${JSON.stringify(text)}`);
  }
  return Number(text);
}

/** Parses EXPLORER_ALLOWED_ORIGINS: comma-separated origins such as https://explorer.example.com. */
export function parseAllowedOrigins(text: string | undefined): string[] {
  if (!text?.trim()) return [];
  return text.split(',').map((raw) => {
    const origin = raw.trim();
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      throw new ConfigError(
        `EXPLORER_ALLOWED_ORIGINS: ${JSON.stringify(origin)} is not an origin like https://host`,
      );
    }
    if (!/^https?:$/.test(url.protocol) || url.origin !== origin.replace(/\/$/, '')) {
      throw new ConfigError(
        `EXPLORER_ALLOWED_ORIGINS: ${JSON.stringify(origin)} is not an origin like https://host`,
      );
    }
    return url.origin;
  });
}

/**
 * Reads the configuration. The database is DATABASE_URL, else the Secrets Manager secret named by
 * DATABASE_SECRET_ARN (production on Fargate); one of them is required (`tubelens explorer` passes
 * the embedded server's URL).
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ExplorerConfig {
  let database: DatabaseConfig;
  if (env.DATABASE_URL) {
    if (!/^postgres(ql)?:\/\//.test(env.DATABASE_URL)) {
      throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
    }
    database = { kind: 'url', url: env.DATABASE_URL };
  } else if (env.DATABASE_SECRET_ARN) {
    if (!/^arn:aws[\w-]*:secretsmanager:[\w-]+:\d{12}:secret:.+/.test(env.DATABASE_SECRET_ARN)) {
      throw new ConfigError('DATABASE_SECRET_ARN must be a Secrets Manager secret ARN');
    }
    database = {
      kind: 'secret',
      secretArn: env.DATABASE_SECRET_ARN,
      region: env.AWS_REGION || env.DATABASE_SECRET_ARN.split(':')[3],
    };
  } else {
    throw new ConfigError(
      'DATABASE_URL or DATABASE_SECRET_ARN is required (locally, `npx tubelens explorer` runs the explorer on the embedded database)',
    );
  }
  const logLevel = (env.EXPLORER_LOG_LEVEL || 'info') as ExplorerConfig['logLevel'];
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) {
    throw new ConfigError('EXPLORER_LOG_LEVEL must be debug, info, warn or error');
  }
  const d = DEFAULT_LIMITS;
  return {
    port: integer(env, 'PORT', 8080),
    host: env.HOST || '0.0.0.0',
    database,
    poolSize: integer(env, 'EXPLORER_POOL_SIZE', DEFAULT_POOL_SIZE, 1),
    statementTimeoutMs: integer(env, 'EXPLORER_STATEMENT_TIMEOUT_MS', DEFAULT_STATEMENT_TIMEOUT_MS, 1),
    redisUrl: env.REDIS_URL || undefined,
    redisPrefix: env.EXPLORER_REDIS_PREFIX || undefined,
    allowedOrigins: parseAllowedOrigins(env.EXPLORER_ALLOWED_ORIGINS),
    limits: {
      resumeWindowMs: integer(env, 'EXPLORER_RESUME_WINDOW_MS', d.resumeWindowMs, 1),
      pingIntervalMs: integer(env, 'EXPLORER_PING_INTERVAL_MS', d.pingIntervalMs, 10),
      maxSessions: integer(env, 'EXPLORER_MAX_SESSIONS', d.maxSessions, 1),
      maxMessageBytes: integer(env, 'EXPLORER_MAX_MESSAGE_BYTES', d.maxMessageBytes, 256),
      ratePerSecond: integer(env, 'EXPLORER_RATE_PER_SECOND', d.ratePerSecond, 1),
      rateBurst: integer(env, 'EXPLORER_RATE_BURST', d.rateBurst, 1),
      drainTimeoutMs: integer(env, 'EXPLORER_DRAIN_TIMEOUT_MS', d.drainTimeoutMs, 0),
    },
    logLevel,
    // Never honoured in the production image (NODE_ENV=production there).
    testQueryDelayMs: env.NODE_ENV === 'production' ? 0 : integer(env, 'EXPLORER_TEST_QUERY_DELAY_MS', 0),
  };
}

/**
 * The connection URL in an RDS-managed secret ({ username, password, host, port, dbname }),
 * with TLS required and verified.
 * Throws a ConfigError naming the missing field.
 */
export function connectionStringFromSecret(secretString: string): string {
  let secret: Record<string, unknown>;
  try {
    secret = JSON.parse(secretString);
  } catch (cause) {
    throw new ConfigError('the database secret is not JSON', { cause });
  }
  for (const field of ['username', 'password', 'host']) {
    if (typeof secret[field] !== 'string' || !secret[field]) {
      throw new ConfigError(`the database secret has no ${field}`);
    }
  }
  const url = new URL('postgres://placeholder');
  url.username = encodeURIComponent(secret.username as string);
  url.password = encodeURIComponent(secret.password as string);
  url.hostname = secret.host as string;
  url.port = String(secret.port ?? 5432);
  url.pathname = `/${encodeURIComponent(String(secret.dbname ?? 'postgres'))}`;
  // Aurora is reached over TLS with the certificate checked; the RDS CA bundle is given to Node
  // with NODE_EXTRA_CA_CERTS in the task definition.
  url.searchParams.set('sslmode', 'verify-full');
  return url.toString();
}
