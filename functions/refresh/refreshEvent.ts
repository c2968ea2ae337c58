import * as z from 'zod/mini';

const kind = z.enum(['full', 'incremental']);
const generation = z.string().check(z.regex(/^\d{8}T\d{6}Z-[0-9a-f]{6}$/));

/**
 * What the refresh is invoked with: the EventBridge scheduled event (`detail-type` "Scheduled
 * Event") runs the default kind; a rule with constant input `{"kind":"full"}` (the weekly one,
 * `fullRefreshSchedule` in serverless.yml) asks for a full recomputation. Both run in one
 * invocation. The `step` events are the fan-out's (docs/refresh.md, "Past one invocation"), sent
 * by the state machine or, locally, by the CLI. Anything else is rejected before any work starts.
 */
export const refreshEvent = z.union([
  /** Sizes the run; runs it here when it fits one invocation, otherwise plans the fan-out. */
  z.object({ step: z.literal('plan'), kind, fanOut: z.optional(z.enum(['auto', 'always'])) }),
  /** Computes some planned batches (the Distributed Map's ItemBatcher hands several). */
  z.object({
    step: z.literal('batch'),
    generation,
    batches: z.array(z.int().check(z.nonnegative())).check(z.minLength(1)),
  }),
  z.object({ step: z.literal('finish'), generation }),
  /** The state machine's catch: records the run as failed and frees the lease; publishes nothing. */
  z.object({ step: z.literal('abort'), generation, runId: z.int(), error: z.optional(z.unknown()) }),
  // Last: a zod object ignores keys it does not name, so `{ kind }` would also match a step event.
  z.object({ 'detail-type': z.literal('Scheduled Event'), source: z.string() }),
  z.object({ kind }),
]);

export type RefreshEvent = z.infer<typeof refreshEvent>;
export type RefreshStepEvent = Extract<RefreshEvent, { step: string }>;

export function kindOf(event: RefreshEvent): 'full' | 'incremental' {
  return 'kind' in event ? event.kind : 'incremental';
}
