import * as z from 'zod/mini';

/**
 * The environment every Lambda that reaches Aurora through the RDS Data API reads, as one zod
 * shape that each function's config schema spreads into its own. Written with zod/mini so the
 * refresh bundle stays small; classic zod objects accept these fields as they are.
 */
const required = (name: string) =>
  z.string({ error: `${name} is required` }).check(z.minLength(1, `${name} is required`));

export const dataApiEnvShape = {
  DB_CLUSTER_ARN: required('DB_CLUSTER_ARN').check(
    z.regex(/^arn:aws[\w-]*:rds:[\w-]+:\d{12}:cluster:.+$/, 'DB_CLUSTER_ARN must be an Aurora cluster ARN'),
  ),
  DB_SECRET_ARN: required('DB_SECRET_ARN').check(
    z.regex(
      /^arn:aws[\w-]*:secretsmanager:[\w-]+:\d{12}:secret:.+$/,
      'DB_SECRET_ARN must be a Secrets Manager secret ARN',
    ),
  ),
  // PostgreSQL names are at most 63 bytes.
  DB_NAME: z._default(z.string().check(z.minLength(1), z.maxLength(63)), 'tubelens'),
  /** Local only: the local Data API endpoint (never set in AWS). */
  RDS_DATA_ENDPOINT: z.optional(z.url({ error: 'RDS_DATA_ENDPOINT must be a URL' })),
};

/**
 * The AWS variables the Data API client (and the other SDK clients of a function) read: the
 * region, always set in Lambda and us-east-1 for local endpoints, and the keys a local endpoint
 * is given (dataApiClientOptions). Spread beside dataApiEnvShape.
 */
export const awsEnvShape = {
  AWS_REGION: z._default(
    z.string().check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'AWS_REGION must be a region')),
    'us-east-1',
  ),
  AWS_ACCESS_KEY_ID: z.optional(z.string()),
  AWS_SECRET_ACCESS_KEY: z.optional(z.string()),
};
