import { createRefreshHandler } from './createRefreshHandler.ts';

/** The scheduled refresh (EventBridge schedule → Lambda). Config is validated at cold start. */
export const handler = createRefreshHandler();
