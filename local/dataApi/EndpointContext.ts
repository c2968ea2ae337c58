import type { DataApiLimits } from './limits.ts';
import type { PgTypeCache } from './pgTypes.ts';
import type { RawBackend } from './rawBackend.ts';
import type { SqlErrorType } from './sqlErrors.ts';
import type { TableColumnCache } from './TableColumnCache.ts';
import type { TransactionRegistry } from './transactionRegistry.ts';

/** What every operation of the endpoint works with. */
export interface EndpointContext {
  readonly backend: RawBackend;
  readonly registry: TransactionRegistry;
  readonly types: PgTypeCache;
  readonly columns: TableColumnCache;
  readonly limits: DataApiLimits;
  readonly resourceArn: string;
  readonly secretArn: string;
  readonly database: string;
  readonly sqlErrorType: SqlErrorType;
}

/** An operation takes the parsed JSON body and answers the JSON text of its response. */
export type Operation = (ctx: EndpointContext, body: unknown) => Promise<string>;
