import { describe, expect, it } from 'vitest';
import { MigrateConfigError } from '../../../functions/migrate/errors.ts';
import { readMigrateConfig } from '../../../functions/migrate/readMigrateConfig.ts';

const good = {
  DB_CLUSTER_ARN: 'arn:aws:rds:eu-west-1:123456789012:cluster:tubelens-prod',
  DB_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:tubelens-prod/aurora-AbCdEf',
};

describe('readMigrateConfig', () => {
  it('reads the cluster, the secret and the database name', () => {
    expect(readMigrateConfig({ ...good, DB_NAME: 'stats' })).toEqual({
      dataApi: { resourceArn: good.DB_CLUSTER_ARN, secretArn: good.DB_SECRET_ARN, database: 'stats' },
      logins: [],
    });
  });

  it('maps each deployment login secret to its group role', () => {
    const arn = (name: string) => `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${name}-AbCdEf`;
    const config = readMigrateConfig({
      ...good,
      EXPLORER_DB_SECRET_ARN: arn('explorer'),
      INGEST_DB_SECRET_ARN: arn('ingest'),
      REFRESH_DB_SECRET_ARN: arn('refresh'),
    });
    expect(config.logins).toEqual([
      { group: 'tubelens_read', secretArn: arn('explorer') },
      { group: 'tubelens_ingest', secretArn: arn('ingest') },
      { group: 'tubelens_refresh', secretArn: arn('refresh') },
    ]);
    expect(() => readMigrateConfig({ ...good, INGEST_DB_SECRET_ARN: good.DB_CLUSTER_ARN })).toThrow(
      'INGEST_DB_SECRET_ARN must be a Secrets Manager secret ARN',
    );
  });

  it('defaults the database name to tubelens', () => {
    expect(readMigrateConfig(good).dataApi.database).toBe('tubelens');
  });

  it('names every missing variable', () => {
    expect(() => readMigrateConfig({})).toThrow(
      new MigrateConfigError('DB_CLUSTER_ARN is required; DB_SECRET_ARN is required'),
    );
  });

  it('rejects a value that is not the right kind of ARN', () => {
    expect(() => readMigrateConfig({ ...good, DB_SECRET_ARN: good.DB_CLUSTER_ARN })).toThrow(
      'DB_SECRET_ARN must be a Secrets Manager secret ARN',
    );
  });

  it('treats an empty variable as missing', () => {
    expect(() => readMigrateConfig({ ...good, DB_CLUSTER_ARN: '' })).toThrow('DB_CLUSTER_ARN is required');
  });
});
