import { z } from 'zod';
import { readEnv } from '../../functions/shared/readEnv.ts';
import { type AuthConfig, authConfigFrom, authEnvShape, checkAuthEnv } from './auth/authConfig.ts';
import { ConfigError } from './errors.ts';
import {
  DEFAULT_LIMITS,
  DEFAULT_POOL_SIZE,
  DEFAULT_REDIS_TIMEOUT_MS,
  DEFAULT_STATEMENT_TIMEOUT_MS,
  type ExplorerLimits,
} from './options.ts';

export type DatabaseConfig =
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'secret'; readonly secretArn: string; readonly region: string | undefined };

/** Who may reach the explorer and how it tells them apart; `tubelens explorer` reads this part too. */
export interface AccessConfig {
  /** Origins whose pages may open a session (besides the explorer's own). */
  readonly allowedOrigins: string[];
  /** Host names (with a port when not the default) the explorer answers to, besides loopback names. */
  readonly allowedHosts: string[];
  /** Proxies in front that append to X-Forwarded-For (ALB: 1, CloudFront then ALB: 2); 0 trusts none. */
  readonly trustedProxyHops: number;
  readonly auth: AuthConfig;
}

/** The explorer process's configuration, read once from the environment at start-up. */
export interface ExplorerConfig extends AccessConfig {
  readonly port: number;
  readonly host: string;
  readonly database: DatabaseConfig;
  /** The reader endpoint the live pool connects to instead of the database's host (issue 18). */
  readonly readerHost: string | undefined;
  readonly poolSize: number;
  readonly statementTimeoutMs: number;
  readonly redisUrl: string | undefined;
  readonly redisPrefix: string | undefined;
  readonly redisTimeoutMs: number;
  readonly limits: ExplorerLimits;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  readonly testQueryDelayMs: number;
  /** The report site's address (EXPLORER_SITE_URL), linked from the page; undefined: no link. */
  readonly siteUrl: string | undefined;
}

const wholeNumber = (name: string, fallback: number, min = 0) => {
  const message = `${name} must be a whole number of at least ${min}`;
  return z
    .string()
    .regex(/^\d+$/, message)
    .transform(Number)
    .refine((n) => n >= min, message)
    .default(fallback);
};

const originList = z.string().transform((text, ctx) => {
  const origins: string[] = [];
  for (const raw of text.split(',')) {
    const origin = raw.trim();
    if (!origin) continue;
    const url = URL.parse(origin);
    if (!url || !/^https?:$/.test(url.protocol) || url.origin !== origin.replace(/\/$/, '')) {
      ctx.addIssue({
        code: 'custom',
        message: `EXPLORER_ALLOWED_ORIGINS: ${JSON.stringify(origin)} is not an origin like https://host`,
      });
      return z.NEVER;
    }
    origins.push(url.origin);
  }
  return origins;
});

const hostList = z.string().transform((text, ctx) => {
  const hosts = text
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const bad = hosts.find((h) => !/^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/.test(h));
  if (bad !== undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `EXPLORER_ALLOWED_HOSTS: ${JSON.stringify(bad)} is not a host name like explorer.example.com or host:8080`,
    });
    return z.NEVER;
  }
  return hosts;
});

/** EXPLORER_SITE_URL: the report site's http(s) address, e.g. https://d123.cloudfront.net/. */
const siteUrl = z
  .string()
  .refine(
    (text) => /^https?:$/.test(URL.parse(text)?.protocol ?? ''),
    'EXPLORER_SITE_URL must be an http(s) address such as https://d123.cloudfront.net/',
  )
  .transform((text) => URL.parse(text)!.href);

const accessShape = {
  EXPLORER_ALLOWED_ORIGINS: originList.default([]),
  EXPLORER_ALLOWED_HOSTS: hostList.default([]),
  EXPLORER_TRUSTED_PROXY_HOPS: wholeNumber('EXPLORER_TRUSTED_PROXY_HOPS', 0),
  ...authEnvShape,
};
type AccessEnv = z.output<z.ZodObject<typeof accessShape>>;

const accessFrom = (env: AccessEnv): AccessConfig => ({
  allowedOrigins: env.EXPLORER_ALLOWED_ORIGINS,
  allowedHosts: env.EXPLORER_ALLOWED_HOSTS,
  trustedProxyHops: env.EXPLORER_TRUSTED_PROXY_HOPS,
  auth: authConfigFrom(env),
});

const d = DEFAULT_LIMITS;
const schema = z
  .object({
    ...accessShape,
    PORT: wholeNumber('PORT', 8080),
    HOST: z.string().default('0.0.0.0'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
      .optional(),
    DATABASE_SECRET_ARN: z
      .string()
      .regex(
        /^arn:aws[\w-]*:secretsmanager:[\w-]+:\d{12}:secret:.+/,
        'DATABASE_SECRET_ARN must be a Secrets Manager secret ARN',
      )
      .optional(),
    AWS_REGION: z.string().optional(),
    EXPLORER_DB_READER_HOST: z
      .string()
      .regex(/^[A-Za-z0-9.-]+$/, 'EXPLORER_DB_READER_HOST must be a host name (the cluster reader endpoint)')
      .optional(),
    EXPLORER_POOL_SIZE: wholeNumber('EXPLORER_POOL_SIZE', DEFAULT_POOL_SIZE, 1),
    EXPLORER_STATEMENT_TIMEOUT_MS: wholeNumber(
      'EXPLORER_STATEMENT_TIMEOUT_MS',
      DEFAULT_STATEMENT_TIMEOUT_MS,
      1,
    ),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'REDIS_URL must start with redis:// or rediss://')
      .optional(),
    EXPLORER_REDIS_PREFIX: z.string().optional(),
    EXPLORER_REDIS_TIMEOUT_MS: wholeNumber('EXPLORER_REDIS_TIMEOUT_MS', DEFAULT_REDIS_TIMEOUT_MS, 1),
    EXPLORER_RESUME_WINDOW_MS: wholeNumber('EXPLORER_RESUME_WINDOW_MS', d.resumeWindowMs, 1),
    EXPLORER_PING_INTERVAL_MS: wholeNumber('EXPLORER_PING_INTERVAL_MS', d.pingIntervalMs, 10),
    EXPLORER_MAX_SESSIONS: wholeNumber('EXPLORER_MAX_SESSIONS', d.maxSessions, 1),
    EXPLORER_MAX_SESSIONS_PER_CLIENT: wholeNumber(
      'EXPLORER_MAX_SESSIONS_PER_CLIENT',
      d.maxSessionsPerClient,
      1,
    ),
    EXPLORER_HELLO_TIMEOUT_MS: wholeNumber('EXPLORER_HELLO_TIMEOUT_MS', d.helloTimeoutMs, 10),
    EXPLORER_MAX_MESSAGE_BYTES: wholeNumber('EXPLORER_MAX_MESSAGE_BYTES', d.maxMessageBytes, 256),
    EXPLORER_RATE_PER_SECOND: wholeNumber('EXPLORER_RATE_PER_SECOND', d.ratePerSecond, 1),
    EXPLORER_RATE_BURST: wholeNumber('EXPLORER_RATE_BURST', d.rateBurst, 1),
    EXPLORER_MAX_EXPORTS: wholeNumber('EXPLORER_MAX_EXPORTS', d.maxExports, 1),
    EXPLORER_MAX_EXPORTS_PER_CLIENT: wholeNumber('EXPLORER_MAX_EXPORTS_PER_CLIENT', d.maxExportsPerClient, 1),
    EXPLORER_EXPORTS_PER_MINUTE: wholeNumber('EXPLORER_EXPORTS_PER_MINUTE', d.exportsPerMinute, 1),
    EXPLORER_EXPORT_MAX_ROWS: wholeNumber('EXPLORER_EXPORT_MAX_ROWS', d.exportMaxRows, 1),
    EXPLORER_EXPORT_STALL_MS: wholeNumber('EXPLORER_EXPORT_STALL_MS', d.exportStallMs, 10),
    EXPLORER_READY_TIMEOUT_MS: wholeNumber('EXPLORER_READY_TIMEOUT_MS', d.readyTimeoutMs, 10),
    EXPLORER_DRAIN_TIMEOUT_MS: wholeNumber('EXPLORER_DRAIN_TIMEOUT_MS', d.drainTimeoutMs, 0),
    EXPLORER_LOG_LEVEL: z
      .enum(['debug', 'info', 'warn', 'error'], {
        error: 'EXPLORER_LOG_LEVEL must be debug, info, warn or error',
      })
      .default('info'),
    EXPLORER_TEST_QUERY_DELAY_MS: wholeNumber('EXPLORER_TEST_QUERY_DELAY_MS', 0),
    EXPLORER_SITE_URL: siteUrl.optional(),
    NODE_ENV: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    if (!env.DATABASE_URL && !env.DATABASE_SECRET_ARN) {
      ctx.addIssue({
        code: 'custom',
        message:
          'DATABASE_URL or DATABASE_SECRET_ARN is required (locally, `npx tubelens explorer` runs the explorer on the embedded database)',
      });
    }
    checkAuthEnv(env, ctx);
  });

function databaseFrom(env: z.output<typeof schema>): DatabaseConfig {
  if (env.DATABASE_URL) return { kind: 'url', url: env.DATABASE_URL };
  const secretArn = env.DATABASE_SECRET_ARN!;
  return { kind: 'secret', secretArn, region: env.AWS_REGION || secretArn.split(':')[3] };
}

/**
 * Reads the configuration through the functions' env helper (functions/shared/readEnv.ts). The
 * database is DATABASE_URL, else the Secrets Manager secret named by DATABASE_SECRET_ARN
 * (production on Fargate); one of them is required (`tubelens explorer` passes the embedded
 * server's URL).
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ExplorerConfig {
  const e = readEnv(schema, env, ConfigError);
  return {
    ...accessFrom(e),
    port: e.PORT,
    host: e.HOST,
    database: databaseFrom(e),
    readerHost: e.EXPLORER_DB_READER_HOST,
    poolSize: e.EXPLORER_POOL_SIZE,
    statementTimeoutMs: e.EXPLORER_STATEMENT_TIMEOUT_MS,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.EXPLORER_REDIS_PREFIX,
    redisTimeoutMs: e.EXPLORER_REDIS_TIMEOUT_MS,
    limits: {
      resumeWindowMs: e.EXPLORER_RESUME_WINDOW_MS,
      pingIntervalMs: e.EXPLORER_PING_INTERVAL_MS,
      maxSessions: e.EXPLORER_MAX_SESSIONS,
      maxSessionsPerClient: e.EXPLORER_MAX_SESSIONS_PER_CLIENT,
      helloTimeoutMs: e.EXPLORER_HELLO_TIMEOUT_MS,
      maxMessageBytes: e.EXPLORER_MAX_MESSAGE_BYTES,
      ratePerSecond: e.EXPLORER_RATE_PER_SECOND,
      rateBurst: e.EXPLORER_RATE_BURST,
      maxExports: e.EXPLORER_MAX_EXPORTS,
      maxExportsPerClient: e.EXPLORER_MAX_EXPORTS_PER_CLIENT,
      exportsPerMinute: e.EXPLORER_EXPORTS_PER_MINUTE,
      exportMaxRows: e.EXPLORER_EXPORT_MAX_ROWS,
      exportStallMs: e.EXPLORER_EXPORT_STALL_MS,
      readyTimeoutMs: e.EXPLORER_READY_TIMEOUT_MS,
      drainTimeoutMs: e.EXPLORER_DRAIN_TIMEOUT_MS,
    },
    logLevel: e.EXPLORER_LOG_LEVEL,
    // Never honoured in the production image (NODE_ENV=production there).
    testQueryDelayMs: e.NODE_ENV === 'production' ? 0 : e.EXPLORER_TEST_QUERY_DELAY_MS,
    siteUrl: e.EXPLORER_SITE_URL,
  };
}

/** EXPLORER_SITE_URL alone (`tubelens explorer` reads it too); undefined when unset. */
export function parseSiteUrl(text: string | undefined): string | undefined {
  return readEnv(
    z.object({ EXPLORER_SITE_URL: siteUrl.optional() }),
    { EXPLORER_SITE_URL: text },
    ConfigError,
  ).EXPLORER_SITE_URL;
}

/** Only the access part (origins, hosts, proxies, sign-in): what `tubelens explorer` takes from its env. */
export function readAccessConfig(env: NodeJS.ProcessEnv = process.env): AccessConfig {
  return accessFrom(readEnv(z.object(accessShape).superRefine(checkAuthEnv), env, ConfigError));
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
