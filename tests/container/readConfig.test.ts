import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../container/explorer/errors.ts';
import {
  connectionStringFromSecret,
  parseSiteUrl,
  readAccessConfig,
  readConfig,
} from '../../container/explorer/readConfig.ts';
import { withSiteUrl } from '../../container/explorer/staticAssets.ts';

/** A database, which every configuration needs. */
const db = { DATABASE_URL: 'postgres://u@h/db' };

describe('readConfig', () => {
  it('needs a database, and has the documented defaults for everything else', () => {
    expect(() => readConfig({})).toThrow(/^DATABASE_URL or DATABASE_SECRET_ARN is required/);
    const config = readConfig(db);
    expect(config.port).toBe(8080);
    expect(config.limits.pingIntervalMs).toBe(25_000);
    expect(config.redisUrl).toBeUndefined();
  });

  it('has every default docs/explorer.md gives in its Configuration table', () => {
    // Each documented default, set explicitly, must change nothing: a default changed on one side
    // only fails here.
    const doc = readFileSync('docs/explorer.md', 'utf8');
    const table = doc.slice(doc.indexOf('## Configuration'), doc.indexOf('## Tests'));
    const rows = table.split('\n').filter((l) => l.startsWith('| `'));
    const checked: string[] = [];
    for (const row of rows) {
      const [names, defaults] = row
        .split('|')
        .slice(1, 3)
        .map((c) => c.trim());
      const vars = [...names!.matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]!);
      const values = defaults!.split(',').map((v) => v.trim());
      if (values.length !== vars.length || values.some((v) => v === '' || v === 'derived')) continue;
      const env = { ...db, ...Object.fromEntries(vars.map((v, i) => [v, values[i]!])) };
      expect(readConfig(env), row).toEqual(readConfig(db));
      checked.push(...vars);
    }
    expect(checked).toEqual(expect.arrayContaining(['PORT', 'EXPLORER_POOL_SIZE', 'EXPLORER_RATE_BURST']));
    expect(checked.length).toBeGreaterThan(15);
  });

  it('prefers DATABASE_URL, then the Secrets Manager secret', () => {
    expect(readConfig({ DATABASE_URL: 'postgres://u@h/db' }).database).toEqual({
      kind: 'url',
      url: 'postgres://u@h/db',
    });
    const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:tubelens-db-AbCdEf';
    expect(readConfig({ DATABASE_SECRET_ARN: arn }).database).toEqual({
      kind: 'secret',
      secretArn: arn,
      region: 'eu-west-1',
    });
  });

  it('fails fast with the variable name on bad values', () => {
    expect(() => readConfig({ DATABASE_URL: 'mysql://x' })).toThrow(
      'DATABASE_URL must start with postgres://',
    );
    expect(() => readConfig({ DATABASE_SECRET_ARN: 'tubelens-db' })).toThrow(/DATABASE_SECRET_ARN must be/);
    expect(() => readConfig({ ...db, PORT: 'eighty' })).toThrow(/PORT must be a whole number/);
    expect(() => readConfig({ ...db, EXPLORER_MAX_SESSIONS: '0' })).toThrow(ConfigError);
    expect(() => readConfig({ ...db, EXPLORER_LOG_LEVEL: 'loud' })).toThrow(/EXPLORER_LOG_LEVEL/);
  });

  it('reports every bad variable at once, through the same env helper as the functions', () => {
    expect(() =>
      readConfig({ ...db, PORT: 'eighty', EXPLORER_MAX_SESSIONS: '0', REDIS_URL: 'http://x' }),
    ).toThrow(
      /^PORT must be a whole number.*; REDIS_URL must start with redis:\/\/.*; EXPLORER_MAX_SESSIONS must be a whole number of at least 1$/,
    );
  });

  it('keeps sign-in off unless EXPLORER_AUTH=jwt, and then needs the issuer and the audience', () => {
    expect(readConfig(db).auth).toEqual({ mode: 'none' });
    expect(() => readConfig({ ...db, EXPLORER_AUTH: 'jwt' })).toThrow(
      'EXPLORER_AUTH_ISSUER is required when EXPLORER_AUTH=jwt; EXPLORER_AUTH_AUDIENCE is required when EXPLORER_AUTH=jwt',
    );
    expect(() => readConfig({ ...db, EXPLORER_AUTH: 'cognito' })).toThrow(
      'EXPLORER_AUTH must be none or jwt',
    );
    const issuer = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123';
    expect(
      readConfig({
        ...db,
        EXPLORER_AUTH: 'jwt',
        EXPLORER_AUTH_ISSUER: issuer,
        EXPLORER_AUTH_AUDIENCE: ' client-a, client-b ',
        EXPLORER_AUTH_SIGN_OUT_URL: '/auth/sign-out',
      }).auth,
    ).toEqual({
      mode: 'jwt',
      issuer,
      audience: ['client-a', 'client-b'],
      jwksUri: undefined,
      signOutUrl: '/auth/sign-out',
    });
  });

  it('refuses an issuer, a key set or a sign-out link that is not https (or a path)', () => {
    const jwt = { EXPLORER_AUTH: 'jwt', EXPLORER_AUTH_AUDIENCE: 'c' };
    expect(() => readConfig({ ...db, ...jwt, EXPLORER_AUTH_ISSUER: 'http://idp.example' })).toThrow(
      'EXPLORER_AUTH_ISSUER must be an https:// URL',
    );
    const ok = { ...jwt, EXPLORER_AUTH_ISSUER: 'https://idp.example' };
    expect(() => readConfig({ ...db, ...ok, EXPLORER_AUTH_JWKS_URI: 'http://idp.example/keys' })).toThrow(
      'EXPLORER_AUTH_JWKS_URI must be an https:// URL',
    );
    for (const bad of ['javascript:alert(1)', '//evil.example/x', 'http://idp.example/logout']) {
      expect(() => readConfig({ ...db, ...ok, EXPLORER_AUTH_SIGN_OUT_URL: bad })).toThrow(
        /EXPLORER_AUTH_SIGN_OUT_URL must be/,
      );
    }
  });

  it('reads the reader endpoint, the allowed hosts and the trusted proxy hops', () => {
    const config = readConfig({
      ...db,
      EXPLORER_DB_READER_HOST: 'tubelens.cluster-ro-abc.eu-west-1.rds.amazonaws.com',
      EXPLORER_ALLOWED_HOSTS: 'Explorer.Example.com, alb-1.eu-west-1.elb.amazonaws.com:8080',
      EXPLORER_TRUSTED_PROXY_HOPS: '2',
    });
    expect(config.readerHost).toBe('tubelens.cluster-ro-abc.eu-west-1.rds.amazonaws.com');
    expect(config.allowedHosts).toEqual(['explorer.example.com', 'alb-1.eu-west-1.elb.amazonaws.com:8080']);
    expect(config.trustedProxyHops).toBe(2);
    expect(readConfig(db).readerHost).toBeUndefined();
    expect(() => readConfig({ ...db, EXPLORER_DB_READER_HOST: 'host/db' })).toThrow(
      /EXPLORER_DB_READER_HOST/,
    );
    expect(() => readConfig({ ...db, EXPLORER_ALLOWED_HOSTS: 'http://x' })).toThrow(/EXPLORER_ALLOWED_HOSTS/);
  });

  it('ignores the test delay hook in production', () => {
    expect(readConfig({ ...db, EXPLORER_TEST_QUERY_DELAY_MS: '500' }).testQueryDelayMs).toBe(500);
    expect(
      readConfig({ ...db, EXPLORER_TEST_QUERY_DELAY_MS: '500', NODE_ENV: 'production' }).testQueryDelayMs,
    ).toBe(0);
  });
});

describe('parseSiteUrl', () => {
  it('takes the report site’s http(s) address for the page’s link, and refuses anything else', () => {
    expect(parseSiteUrl(undefined)).toBeUndefined();
    expect(parseSiteUrl('https://d1.cloudfront.net/reports/')).toBe('https://d1.cloudfront.net/reports/');
    const env = { DATABASE_URL: 'postgres://u@h/db', EXPLORER_SITE_URL: 'http://127.0.0.1:4321/' };
    expect(readConfig(env).siteUrl).toBe('http://127.0.0.1:4321/');
    expect(() => parseSiteUrl('javascript:alert(1)')).toThrow(/EXPLORER_SITE_URL/);
  });
  it('is written into the page, escaped', () => {
    const page = '<meta name="tubelens-site-url" content="">';
    expect(withSiteUrl(page, 'https://x.test/?a="b"&c')).toBe(
      '<meta name="tubelens-site-url" content="https://x.test/?a=&quot;b&quot;&amp;c">',
    );
    expect(withSiteUrl(page, undefined)).toBe(page);
  });
});

describe('readAccessConfig', () => {
  const parseAllowedOrigins = (text: string | undefined) =>
    readAccessConfig({ EXPLORER_ALLOWED_ORIGINS: text }).allowedOrigins;

  it('reads a comma-separated list of origins', () => {
    expect(parseAllowedOrigins(' https://a.example.com, http://localhost:4321/ ')).toEqual([
      'https://a.example.com',
      'http://localhost:4321',
    ]);
    expect(parseAllowedOrigins(undefined)).toEqual([]);
  });

  it('rejects anything that is not a bare origin', () => {
    expect(() => parseAllowedOrigins('https://a.example.com/path')).toThrow(/not an origin/);
    expect(() => parseAllowedOrigins('*')).toThrow(/not an origin/);
  });
});

describe('connectionStringFromSecret', () => {
  it('builds a TLS-verified URL from an RDS-managed secret, escaping the password', () => {
    const url = connectionStringFromSecret(
      JSON.stringify({
        username: 'app',
        password: 'p@ss/w:rd',
        host: 'db.cluster.example',
        port: 5433,
        dbname: 'tubelens',
      }),
    );
    expect(url).toBe('postgres://app:p%40ss%2Fw%3Ard@db.cluster.example:5433/tubelens?sslmode=verify-full');
    expect(decodeURIComponent(new URL(url).password)).toBe('p@ss/w:rd');
  });

  it('names what is missing', () => {
    expect(() => connectionStringFromSecret('{"username":"a","host":"h"}')).toThrow(
      'the database secret has no password',
    );
    expect(() => connectionStringFromSecret('not json')).toThrow('the database secret is not JSON');
  });
});
