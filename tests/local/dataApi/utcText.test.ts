import { describe, expect, it } from 'vitest';
import { timestamptzToUtc, timetzToUtc } from '../../../local/dataApi/utcText.ts';

describe('timestamptzToUtc', () => {
  it('drops a zero offset and keeps the microseconds', () => {
    expect(timestamptzToUtc('2021-03-10 22:41:04.968123+00')).toBe('2021-03-10 22:41:04.968123');
  });

  it('moves other offsets to UTC across a day and a year boundary', () => {
    expect(timestamptzToUtc('2021-01-01 00:10:00+05:30')).toBe('2020-12-31 18:40:00');
    expect(timestamptzToUtc('2020-12-31 23:30:00.5-02')).toBe('2021-01-01 01:30:00.5');
    expect(timestamptzToUtc('1900-01-01 00:00:00+00:09:21')).toBe('1899-12-31 23:50:39');
  });

  it('leaves infinity alone', () => {
    expect(timestamptzToUtc('infinity')).toBe('infinity');
    expect(timestamptzToUtc('-infinity')).toBe('-infinity');
  });
});

describe('timetzToUtc', () => {
  it('moves the time of day to UTC, wrapping around midnight', () => {
    expect(timetzToUtc('10:00:00+02')).toBe('08:00:00');
    expect(timetzToUtc('01:30:00.25+03')).toBe('22:30:00.25');
    expect(timetzToUtc('23:00:00-02:30')).toBe('01:30:00');
  });
});
