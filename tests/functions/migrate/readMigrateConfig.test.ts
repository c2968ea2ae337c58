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
    });
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
