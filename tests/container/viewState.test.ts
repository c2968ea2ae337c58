import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, EMPTY_FILTERS, viewStateSchema } from '../../container/shared/viewState.ts';

describe('viewStateSchema', () => {
  const withDates = (from: string | null, to: string | null = null) =>
    viewStateSchema.safeParse({ ...DEFAULT_STATE, filters: { ...EMPTY_FILTERS, from, to } });
  const withBrush = (from: string, to: string) =>
    viewStateSchema.safeParse({ ...DEFAULT_STATE, brush: { from, to, minViews: 0, maxViews: 10 } });

  it('refuses dates PostgreSQL cannot store: year 0000 and years past 9999', () => {
    expect(withDates('0000-01-01').success).toBe(false);
    expect(withDates('0000-01-01').error?.issues[0]?.message).toMatch(/year 0001 to 9999/);
    expect(withDates(null, '0000-12-31').success).toBe(false);
    expect(withBrush('0000-06-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z').success).toBe(false);
    expect(withBrush('2024-01-01T00:00:00.000Z', '+010000-01-01T00:00:00.000Z').success).toBe(false);
  });

  it('accepts the first and last days of the range', () => {
    expect(withDates('0001-01-01', '9999-12-31').success).toBe(true);
    expect(withBrush('0001-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z').success).toBe(true);
  });
});
