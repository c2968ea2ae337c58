import { createAlertsHandler } from './createAlertsHandler.ts';

/** The scheduled alerts job (EventBridge schedule → Lambda). Config is validated at cold start. */
export const handler = createAlertsHandler();
