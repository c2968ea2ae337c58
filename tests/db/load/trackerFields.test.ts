import { describe, expect, it } from 'vitest';
import { FieldError } from '../../../db/load/parseFields.ts';
import { parseHandle, parseUtcDay, parseUtcTime } from '../../../db/load/trackerFields.ts';

describe('parseUtcTime', () => {
  it.each([
    ['2026-01-02T03:04:05Z', '2026-01-02T03:04:05Z'],
    ['2026-01-02T03:04:05.1Z', '2026-01-02T03:04:05.1Z'],
    ['2026-01-02T03:04:05.12Z', '2026-01-02T03:04:05.12Z'],
    ['2026-01-02T03:04:05.123Z', '2026-01-02T03:04:05.123Z'],
    ['2026-01-02T03:04:05.1234Z', '2026-01-02T03:04:05.1234Z'],
    ['2026-01-02T03:04:05.12345Z', '2026-01-02T03:04:05.12345Z'],
    ['2026-01-02T03:04:05.123456Z', '2026-01-02T03:04:05.123456Z'],
    ['2026-01-02T03:04:05.123456+00:00', '2026-01-02T03:04:05.123456Z'],
    ['2026-01-02 03:04:05.5', '2026-01-02T03:04:05.5Z'],
    ['2026-01-02T03:04:05', '2026-01-02T03:04:05Z'],
  ])('reads %s with 0 to 6 fractional digits as %s', (text, instant) => {
    expect(parseUtcTime('snapshot_utc', text)).toEqual({ instant, day: '2026-01-02' });
  });

  it('converts another offset to UTC, so the day is the UTC day', () => {
    expect(parseUtcTime('snapshot_utc', '2026-01-02T08:30:00.25+09:00')).toEqual({
      instant: '2026-01-01T23:30:00.25Z',
      day: '2026-01-01',
    });
    expect(parseUtcTime('snapshot_utc', '2026-12-31T20:00:00-05:00').day).toBe('2027-01-01');
  });

  it.each([
    '2026-02-30T00:00:00Z',
    '2026-01-02T24:00:00Z',
    '2026-01-02T03:04:05.1234567Z',
    '2026-01-02',
    '02/01/2026 03:04',
    '',
  ])('rejects %j', (text) => {
    expect(() => parseUtcTime('snapshot_utc', text)).toThrow(FieldError);
  });
});

describe('parseUtcDay', () => {
  it('reads a date, or a timestamp as its UTC day', () => {
    expect(parseUtcDay('date_utc', '2026-03-01')).toBe('2026-03-01');
    expect(parseUtcDay('date_utc', '2026-03-01T23:59:59.999999Z')).toBe('2026-03-01');
    expect(() => parseUtcDay('date_utc', '2026-02-29')).toThrow('date_utc is not a real date: "2026-02-29"');
    expect(() => parseUtcDay('date_utc', 'yesterday')).toThrow('date_utc is not a date (YYYY-MM-DD)');
  });
});

describe('parseHandle', () => {
  it('writes custom URLs as @handles and an empty one as unknown', () => {
    expect(parseHandle('@ada')).toBe('@ada');
    expect(parseHandle('ada')).toBe('@ada');
    expect(parseHandle(' ')).toBeNull();
  });
});
