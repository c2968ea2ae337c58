import type { z } from 'zod';
import { countStatements } from '../../db/sql/scanSql.ts';
import type { EndpointContext } from './EndpointContext.ts';
import { DataApiError, validationError } from './errors.ts';

/** Validates a request body against its schema; the first violation becomes ValidationException. */
export function parseRequest<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const member = issue.path.join('.') || 'body';
  const missing = issue.code === 'invalid_type' && issue.input === undefined;
  throw missing
    ? validationError(member, 'Member must not be null')
    : validationError(member, issue.message, issue.input);
}

function checkArn(member: string, arn: string) {
  // Arn: length 11 to 100 in the service model.
  if (arn.length < 11 || arn.length > 100) {
    throw validationError(member, 'Member must have length between 11 and 100', arn);
  }
}

export function checkTarget(
  ctx: EndpointContext,
  req: { resourceArn: string; secretArn: string; database?: string | undefined; schema?: string | undefined },
) {
  checkArn('resourceArn', req.resourceArn);
  checkArn('secretArn', req.secretArn);
  if (req.resourceArn !== ctx.resourceArn) {
    const cluster = req.resourceArn.split(':').pop();
    throw new DataApiError(
      'HttpEndpointNotEnabledException',
      `HttpEndpoint is not enabled for cluster ${cluster}.`,
    );
  }
  if (req.secretArn !== ctx.secretArn) {
    throw new DataApiError(
      'BadRequestException',
      `Error fetching secret ${req.secretArn} : Secrets Manager can't find the specified secret.`,
    );
  }
  if (req.schema !== undefined) {
    throw new DataApiError('ValidationException', "The schema parameter isn't supported.");
  }
  if (req.database !== undefined) {
    if (req.database.length > 64) {
      throw validationError('database', 'Member must have length less than or equal to 64', req.database);
    }
    if (req.database !== ctx.database) {
      throw new DataApiError('DatabaseNotFoundException', `Database ${req.database} doesn't exist.`);
    }
  }
}

export function checkSql(ctx: EndpointContext, sql: string) {
  if (sql.length > ctx.limits.maxSqlLength) {
    throw validationError(
      'sql',
      `Member must have length less than or equal to ${ctx.limits.maxSqlLength}`,
      sql,
    );
  }
  if (countStatements(sql) > 1) {
    throw new DataApiError('ValidationException', "Multistatements aren't supported.");
  }
}

export function checkTransactionId(id: string | undefined) {
  if (id !== undefined && id.length > 192) {
    throw validationError('transactionId', 'Member must have length less than or equal to 192', id);
  }
}
