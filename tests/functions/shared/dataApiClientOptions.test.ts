import { describe, expect, it } from 'vitest';
import { dataApiClientOptions } from '../../../functions/shared/dataApiClientOptions.ts';

const arns = {
  DB_CLUSTER_ARN: 'arn:aws:rds:eu-west-1:123456789012:cluster:tubelens-prod',
  DB_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:tubelens-prod/aurora-AbCdEf',
  DB_NAME: 'tubelens',
};

describe('dataApiClientOptions', () => {
  it('in AWS: the cluster, secret, database and region, and the SDK finds the credentials', () => {
    expect(dataApiClientOptions({ ...arns, AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'ASIA...' })).toEqual({
      resourceArn: arns.DB_CLUSTER_ARN,
      secretArn: arns.DB_SECRET_ARN,
      database: 'tubelens',
      region: 'eu-west-1',
    });
  });

  it("against a local endpoint: the environment's credentials, or dummies, never the default chain", () => {
    const local = { ...arns, RDS_DATA_ENDPOINT: 'http://127.0.0.1:4580' };
    expect(dataApiClientOptions(local)).toMatchObject({
      endpoint: 'http://127.0.0.1:4580',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    expect(
      dataApiClientOptions({ ...local, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'secret' })
        .credentials,
    ).toEqual({ accessKeyId: 'test', secretAccessKey: 'secret' });
  });
});
