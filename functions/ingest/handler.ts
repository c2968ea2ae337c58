import { createIngestHandler } from './createIngestHandler.ts';

/** The scheduled ingest (EventBridge schedule → Lambda). Config is validated at cold start. */
export const handler = createIngestHandler();
