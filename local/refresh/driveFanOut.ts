import type { RefreshStepResult } from '../../functions/refresh/fanOut/runRefreshStep.ts';
import type { RefreshStepEvent } from '../../functions/refresh/refreshEvent.ts';
import type { RefreshResult } from '../../functions/refresh/refreshReports.ts';

export interface FanOutDriverOptions {
  /** Invokes the real refresh handler with one step event. */
  readonly invoke: (event: RefreshStepEvent) => Promise<RefreshStepResult>;
  readonly kind: 'full' | 'incremental';
  /** `always` fans out whatever the size (`--fan-out`); `auto` only above the threshold. */
  readonly fanOut: 'auto' | 'always';
  /** Batch steps in flight at once: 2 cores locally; the state machine's MaxConcurrency in AWS. */
  readonly concurrency?: number;
  /** Called after each batch step (progress). */
  readonly onBatch?: (done: number, total: number) => void;
}

/**
 * What the state machine does (serverless.yml, RefreshFanOutStateMachine), in-process: the plan
 * step, then every batch step, then the finishing step; any failure after the plan sends the abort
 * step and rethrows, so nothing is published. Each step is a call of the same handler.
 */
export async function driveFanOut(options: FanOutDriverOptions): Promise<RefreshResult> {
  const planned = await options.invoke({ step: 'plan', kind: options.kind, fanOut: options.fanOut });
  if (planned.status === 'published' || planned.status === 'skipped') return planned;
  if (planned.status !== 'planned') throw new Error(`the plan step answered ${planned.status}`);
  const { generation, runId, batches } = planned;
  try {
    await runBatches(options, generation, batches);
    const finished = await options.invoke({ step: 'finish', generation });
    if (finished.status !== 'published') throw new Error(`the finishing step answered ${finished.status}`);
    return finished;
  } catch (error) {
    await options.invoke({
      step: 'abort',
      generation,
      runId,
      error: { Error: (error as Error).name, Cause: (error as Error).message },
    });
    throw error;
  }
}

/**
 * Hands the batches to `concurrency` workers. After a failure no new batch starts, and the
 * failure is thrown only once every batch in flight has settled, so the abort that follows never
 * races a batch still writing (the state machine's map stops its iterations the same way).
 */
async function runBatches(options: FanOutDriverOptions, generation: string, batches: readonly number[]) {
  const queue = [...batches];
  let done = 0;
  let failed = false;
  const worker = async () => {
    for (let batch = queue.shift(); batch !== undefined && !failed; batch = queue.shift()) {
      try {
        await options.invoke({ step: 'batch', generation, batches: [batch] });
      } catch (error) {
        failed = true;
        throw error;
      }
      done += 1;
      options.onBatch?.(done, batches.length);
    }
  };
  const settled = await Promise.allSettled(
    Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker),
  );
  const failure = settled.find((r) => r.status === 'rejected');
  if (failure) throw failure.reason;
}
