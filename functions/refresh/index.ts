/** The scheduled refresh: handler factory, the plain refresh function and its parts. */
export * from './createRefreshHandler.ts';
export * from './errors.ts';
export * from './fanOut/estimateRefresh.ts';
export * from './fanOut/runRefreshStep.ts';
export * from './objectStore/index.ts';
export * from './readRefreshConfig.ts';
export * from './refreshEvent.ts';
export * from './refreshReports.ts';
