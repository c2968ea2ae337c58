export * from './bindParams.ts';
export * from './decodeText.ts';
export * from './openSqlClient.ts';
export * from './param.ts';
export * from './pgClient.ts';
export * from './SqlClient.ts';
export * from './scanSql.ts';
