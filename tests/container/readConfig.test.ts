import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../container/explorer/errors.ts';
import {
  connectionStringFromSecret,
  parseAllowedOrigins,
  readConfig,
} from '../../container/explorer/readConfig.ts';

describe('readConfig', () => {
  it('needs a database and says how to get one, and otherwise uses the documented defaults', () => {
    expect(() => readConfig({})).toThrow(/DATABASE_URL or DATABASE_SECRET_ARN is required/);
    const config = readConfig({ DATABASE_URL: 'postgres://u@h/db' });
    expect(config.port).toBe(8080);
    expect(config.limits.pingIntervalMs).toBe(25_000);
    expect(config.redisUrl).toBeUndefined();
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
    const db = { DATABASE_URL: 'postgres://u@h/db' };
    expect(() => readConfig({ ...db, PORT: 'eighty' })).toThrow(/PORT must be a whole number/);
    expect(() => readConfig({ ...db, EXPLORER_MAX_SESSIONS: '0' })).toThrow(ConfigError);
    expect(() => readConfig({ ...db, EXPLORER_LOG_LEVEL: 'loud' })).toThrow(/EXPLORER_LOG_LEVEL/);
  });

  it('ignores the test delay hook in production', () => {
    const db = { DATABASE_URL: 'postgres://u@h/db' };
    expect(readConfig({ ...db, EXPLORER_TEST_QUERY_DELAY_MS: '500' }).testQueryDelayMs).toBe(500);
    expect(
      readConfig({ ...db, EXPLORER_TEST_QUERY_DELAY_MS: '500', NODE_ENV: 'production' }).testQueryDelayMs,
    ).toBe(0);
  });
});

describe('parseAllowedOrigins', () => {
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
