import { describe, expect, it } from 'vitest';
import { DatabaseResumeTimeoutError } from '../../../db/dataApi/errors.ts';
import { isDatabaseResuming, retryWhileResuming } from '../../../db/dataApi/retryWhileResuming.ts';

function resuming() {
  return Object.assign(new Error('The Aurora DB instance x is resuming after being auto-paused.'), {
    name: 'DatabaseResumingException',
  });
}

/** A clock that only moves when the code under test sleeps. */
function fakeTime() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

describe('retryWhileResuming', () => {
  it('waits about 2 s, then doubles up to 10 s, until the database answers', async () => {
    const time = fakeTime();
    let calls = 0;
    const result = await retryWhileResuming(async () => {
      calls += 1;
      if (calls < 6) throw resuming();
      return 'awake';
    }, time);
    expect(result).toBe('awake');
    expect(time.sleeps).toEqual([2000, 4000, 8000, 10000, 10000]);
  });

  it('gives up within the 45 s budget with the last resuming error as the cause', async () => {
    const time = fakeTime();
    const failure = await retryWhileResuming(async () => {
      throw resuming();
    }, time).catch((error) => error);
    expect(failure).toBeInstanceOf(DatabaseResumeTimeoutError);
    expect(failure.attempts).toBe(7);
    expect(failure.cause.name).toBe('DatabaseResumingException');
    // Attempts at 0, 2, 6, 14, 24, 34 and 44 s; a wait past 45 s is not started.
    expect(time.sleeps).toEqual([2000, 4000, 8000, 10000, 10000, 10000]);
    expect(time.now()).toBeLessThanOrEqual(45_000);
  });

  it('does not retry any other error', async () => {
    const time = fakeTime();
    let calls = 0;
    await expect(
      retryWhileResuming(async () => {
        calls += 1;
        throw new Error('ERROR: division by zero; SQLState: 22012');
      }, time),
    ).rejects.toThrow(/division by zero/);
    expect(calls).toBe(1);
    expect(time.sleeps).toEqual([]);
  });

  it('honours custom delays and reports each retry', async () => {
    const time = fakeTime();
    const seen: number[] = [];
    let calls = 0;
    await retryWhileResuming(
      async () => {
        calls += 1;
        if (calls < 3) throw resuming();
      },
      { ...time, firstDelayMs: 100, maxDelayMs: 150, onRetry: ({ delayMs }) => seen.push(delayMs) },
    );
    expect(seen).toEqual([100, 150]);
  });
});

describe('isDatabaseResuming', () => {
  it('knows the exception by name or by its message', () => {
    expect(isDatabaseResuming(resuming())).toBe(true);
    expect(
      isDatabaseResuming(new Error('The Aurora DB instance db-1 is resuming after being auto-paused.')),
    ).toBe(true);
    expect(isDatabaseResuming(new Error('Communications link failure'))).toBe(false);
    expect(isDatabaseResuming(null)).toBe(false);
  });
});
