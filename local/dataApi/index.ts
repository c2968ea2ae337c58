export * from './DataApiFaults.ts';
export * from './dataApiEnv.ts';
export * from './errors.ts';
export * from './limits.ts';
export * from './startDataApiServer.ts';
export type { Clock } from './transactionRegistry.ts';
