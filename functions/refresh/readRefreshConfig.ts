import * as z from 'zod/mini';
import type { DataApiClientOptions } from '../../db/dataApi/openDataApiClient.ts';
import { dataApiClientOptions } from '../shared/dataApiClientOptions.ts';
import { awsEnvShape, dataApiEnvShape } from '../shared/dataApiEnvShape.ts';
import { readEnv } from '../shared/readEnv.ts';
import { RefreshConfigError } from './errors.ts';
import { FAN_OUT_ABOVE_SNAPSHOT_ROWS } from './fanOut/estimateRefresh.ts';

/** What the refresh function needs, read once at cold start. */
export interface RefreshConfig {
  /** How to reach Aurora (a local endpoint and dummy credentials when RDS_DATA_ENDPOINT is set). */
  readonly dataApi: DataApiClientOptions;
  readonly bucket: string;
  /** Key prefix of everything published, ending in `/` (default `data/`). */
  readonly prefix: string;
  /** Local only: a local S3 endpoint (never set in AWS). */
  readonly s3Endpoint: string | undefined;
  /** Hours an unreferenced generation object is kept (default 24). */
  readonly retentionHours: number;
  /** A full run above this many snapshot rows fans out (REFRESH_FAN_OUT_ABOVE_ROWS, docs/refresh.md). */
  readonly fanOutAboveRows: number;
  /** AWS_REGION (always set in Lambda; us-east-1 for local endpoints when unset). */
  readonly region: string;
}

const required = (name: string) =>
  z.string({ error: `${name} is required` }).check(z.minLength(1, `${name} is required`));
const url = (name: string) => z.optional(z.url({ error: `${name} must be a URL` }));

const schema = z.object({
  ...dataApiEnvShape,
  REPORT_BUCKET: required('REPORT_BUCKET').check(
    z.regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'REPORT_BUCKET must be an S3 bucket name'),
  ),
  REPORT_PREFIX: z._default(
    z
      .string()
      .check(z.regex(/^([A-Za-z0-9._-]+\/)*$/, 'REPORT_PREFIX must be empty or end with "/", e.g. data/')),
    'data/',
  ),
  S3_ENDPOINT: url('S3_ENDPOINT'),
  REPORT_RETENTION_HOURS: z._default(
    z.coerce.number().check(z.positive('REPORT_RETENTION_HOURS must be a positive number of hours')),
    24,
  ),
  REFRESH_FAN_OUT_ABOVE_ROWS: z._default(
    z.coerce.number().check(z.nonnegative('REFRESH_FAN_OUT_ABOVE_ROWS must be a number of snapshot rows')),
    FAN_OUT_ABOVE_SNAPSHOT_ROWS,
  ),
  ...awsEnvShape,
});

/** Reads and validates the refresh configuration; throws one RefreshConfigError naming every problem. */
export function readRefreshConfig(env: NodeJS.ProcessEnv = process.env): RefreshConfig {
  const c = readEnv(schema, env, RefreshConfigError);
  return {
    dataApi: dataApiClientOptions(c),
    bucket: c.REPORT_BUCKET,
    prefix: c.REPORT_PREFIX,
    s3Endpoint: c.S3_ENDPOINT,
    retentionHours: c.REPORT_RETENTION_HOURS,
    fanOutAboveRows: c.REFRESH_FAN_OUT_ABOVE_ROWS,
    region: c.AWS_REGION,
  };
}
