import { describe, expect, it } from 'vitest';
import { type ChannelReport, channelReport, reportSchemas } from '../../../db/reports/contract/index.ts';
import { ReportValidationError } from '../../../functions/refresh/errors.ts';
import { validateChannelReport, validateReport } from '../../../functions/refresh/publish/validateReport.ts';

// Prepare: one channel report with both growth sections, the long arrays included.
const report = (): ChannelReport => ({
  dataAsOf: '2026-01-31',
  channel: {
    channelId: 'UCaaaaaaaaaaaaaaaaaaaaaa',
    title: 'チャンネル',
    handle: '@a',
    subscribers: 123_000,
    videos: 2,
    views: 5_000,
    likes: 100,
    comments: 10,
    medianViews: 2_500,
    likesPer1000: 20,
    commentsPer1000: 2,
    firstUpload: '2026-01-01T00:00:00.000Z',
    lastUpload: '2026-01-20T12:00:00.000Z',
    dataAsOf: '2026-01-31',
  },
  viewsOverTime: [{ day: '2026-01-31', views: 5_000 }],
  videos: [],
  videosListed: 0,
  cadence: { byMonth: [{ month: '2026-01', uploads: 2 }], medianDaysBetweenUploads: 19.5 },
  breakoutMultiplier: 5,
  breakouts: [],
  growth: {
    days: [
      { day: '2026-01-30', subscribers: 122_000, views: 4_900, videos: 2 },
      { day: '2026-01-31', subscribers: 123_000, views: null, videos: 2 },
    ],
    subscriberStep: 1_000,
    gains: { day: { days: 1, subscribers: 1_000, views: null, videos: 0 }, week: null, month: null },
    milestone: null,
  },
  performance: {
    previousUploads: 10,
    recent: [],
    curves: [
      { videoId: 'v1', title: 'ไทย 🎉', publishedAt: '2026-01-20T12:00:00.000Z', views: [null, 10, 25] },
    ],
    typical: [null, 10],
  },
});

describe('validateChannelReport', () => {
  it('returns the report as the contract schema parses it', () => {
    const value = report();
    (value.growth!.days[0] as Record<string, unknown>).extra = 'dropped';
    expect(JSON.stringify(validateChannelReport(value))).toBe(JSON.stringify(channelReport.parse(value)));
    expect(validateChannelReport(value).growth!.days[0]).not.toHaveProperty('extra');
  });

  it("refuses a report that fails the schema, with zod's message", () => {
    const value = report();
    value.performance!.curves[0]!.views[1] = -1;
    const expected = channelReport.safeParse(value).error!.message;
    expect(() => validateChannelReport(value)).toThrow(ReportValidationError);
    expect(() => validateChannelReport(value)).toThrow(
      `channel report UCaaaaaaaaaaaaaaaaaaaaaa does not match its schema: ${expected}`,
    );
  });
});

describe('validateReport', () => {
  it('returns the report as its schema parses it, and refuses one that fails it', () => {
    const value = { dataAsOf: null, channels: [report().channel] };
    expect(validateReport('channelIndex', value)).toEqual(reportSchemas.channelIndex.parse(value));
    expect(() => validateReport('channelIndex', { dataAsOf: 'yesterday', channels: [] })).toThrow(
      /^report channelIndex does not match its schema: /,
    );
  });
});
