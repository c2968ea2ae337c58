import {
  BadRequestException,
  DatabaseErrorException,
  HttpEndpointNotEnabledException,
  ServiceUnavailableError,
} from '@aws-sdk/client-rds-data';
import { describe, expect, it } from 'vitest';
import { MigrationError } from '../../../db/errors.ts';
import { isDatabaseNotReady } from '../../../functions/migrate/isDatabaseNotReady.ts';

const meta = { $metadata: {} };

describe('isDatabaseNotReady', () => {
  it('is true for a cluster whose Data API endpoint is not enabled yet', () => {
    const error = new HttpEndpointNotEnabledException({
      message: 'HttpEndpoint is not enabled for cluster x',
      ...meta,
    });
    expect(isDatabaseNotReady(error)).toBe(true);
  });

  it('is true for a service fault the SDK gave up retrying', () => {
    expect(isDatabaseNotReady(new ServiceUnavailableError({ message: 'Service Unavailable', ...meta }))).toBe(
      true,
    );
  });

  it('looks through the MigrationError that wraps a failure inside a migration', () => {
    const cause = new HttpEndpointNotEnabledException({ message: 'not enabled', ...meta });
    const wrapped = new MigrationError('migration 1 (init) failed and was rolled back: not enabled', 1, {
      cause,
    });
    expect(isDatabaseNotReady(wrapped)).toBe(true);
  });

  it('is false for SQL errors and bad requests: retrying would fail the same way', () => {
    const sql = new DatabaseErrorException({ message: 'ERROR: syntax error at or near "CREAT"', ...meta });
    expect(isDatabaseNotReady(new MigrationError('migration 2 (x) failed', 2, { cause: sql }))).toBe(false);
    expect(isDatabaseNotReady(new BadRequestException({ message: 'Database error code: 0', ...meta }))).toBe(
      false,
    );
    expect(isDatabaseNotReady(new Error('boom'))).toBe(false);
    expect(isDatabaseNotReady(undefined)).toBe(false);
  });
});
