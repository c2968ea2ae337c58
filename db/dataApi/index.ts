export * from './decodeRecords.ts';
export * from './errors.ts';
export * from './openDataApiClient.ts';
export * from './pageByKey.ts';
export * from './retryWhileResuming.ts';
export * from './toDataApiStatement.ts';
