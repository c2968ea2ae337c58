import { checkTarget, parseRequest } from './checkRequest.ts';
import type { Operation } from './EndpointContext.ts';
import { DataApiError } from './errors.ts';
import { executeSqlRequest } from './requestSchemas.ts';

/** ExecuteSql (`/ExecuteSql`), the deprecated v1 operation. */
export const executeSql: Operation = async (ctx, body) => {
  const req = parseRequest(executeSqlRequest, body);
  checkTarget(ctx, {
    resourceArn: req.dbClusterOrInstanceArn,
    secretArn: req.awsSecretStoreArn,
    database: req.database,
  });
  // The deprecated v1 operation (service model): not available on Aurora Serverless v2.
  throw new DataApiError(
    'BadRequestException',
    "ExecuteSql isn't supported for Aurora Serverless v2 and provisioned DB clusters. Use the ExecuteStatement or BatchExecuteStatement operation.",
  );
};
