import { DatabaseResumeTimeoutError } from './errors.ts';

export interface ResumeRetryOptions {
  /** Wait before the first retry. Aurora resumes "in up to 15 seconds"; most wake-ups take a few. */
  readonly firstDelayMs?: number;
  /** Each wait doubles up to this cap. */
  readonly maxDelayMs?: number;
  /** Give up once the next wait would end past this much time since the first attempt. */
  readonly budgetMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  /** Called before each wait, e.g. to log that the database is waking up. */
  readonly onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

/**
 * Defaults: 2 s, 4 s, 8 s, then every 10 s, within 45 s (attempts at about 0, 2, 6, 14, 24, 34
 * and 44 s). 45 s leaves room inside a 60 s Lambda timeout for the work itself once awake.
 */
export const resumeRetryDefaults = {
  firstDelayMs: 2_000,
  maxDelayMs: 10_000,
  budgetMs: 45_000,
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
  onRetry: () => {},
} satisfies Required<ResumeRetryOptions>;

/** Whether an error says that Aurora Serverless v2 is waking from auto-pause (scale to zero). */
export function isDatabaseResuming(error: unknown): boolean {
  const e = error as { name?: string; message?: string } | null;
  return (
    e?.name === 'DatabaseResumingException' ||
    (typeof e?.message === 'string' && e.message.includes('is resuming after being auto-paused'))
  );
}

/**
 * Runs `attempt` and runs it again while it fails with DatabaseResumingException. The SDK does
 * not retry that 400 itself (aws-sdk-js-v3#6701). `attempt` must be safe to repeat from the
 * start: a single statement outside a transaction, or a whole transaction from BeginTransaction.
 */
export async function retryWhileResuming<T>(
  attempt: () => Promise<T>,
  options: ResumeRetryOptions = {},
  shouldRetry: (error: unknown) => boolean = isDatabaseResuming,
): Promise<T> {
  const o = { ...resumeRetryDefaults, ...options };
  const started = o.now();
  let delay = o.firstDelayMs;
  for (let n = 1; ; n += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!shouldRetry(error)) throw error;
      const elapsed = o.now() - started;
      if (elapsed + delay > o.budgetMs) {
        throw new DatabaseResumeTimeoutError(
          `the database was still resuming after ${Math.round(elapsed / 1000)} s and ${n} attempts`,
          n,
          { cause: error },
        );
      }
      o.onRetry({ attempt: n, delayMs: delay, error });
      await o.sleep(delay);
      delay = Math.min(delay * 2, o.maxDelayMs);
    }
  }
}
