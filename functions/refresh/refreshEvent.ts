import * as z from 'zod/mini';

/**
 * What the refresh is invoked with: the EventBridge scheduled event (`detail-type` "Scheduled
 * Event") runs the default kind; a rule with constant input `{"kind":"full"}` (the weekly one,
 * `fullRefreshSchedule` in serverless.yml) asks for a full recomputation. Anything else is rejected before any work starts.
 */
export const refreshEvent = z.union([
  z.object({ 'detail-type': z.literal('Scheduled Event'), source: z.string() }),
  z.object({ kind: z.enum(['full', 'incremental']) }),
]);

export type RefreshEvent = z.infer<typeof refreshEvent>;

export function kindOf(event: RefreshEvent): 'full' | 'incremental' {
  return 'kind' in event ? event.kind : 'incremental';
}
