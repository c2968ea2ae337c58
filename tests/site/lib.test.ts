import { describe, expect, it } from 'vitest';
import type { ChannelIndexEntry } from '../../db/reports/contract/index.ts';
import { formatCount, formatDecimal, formatDuration } from '../../site/src/charts/support/format.ts';
import { describeFreshness } from '../../site/src/lib/freshness.ts';
import { channelIdFromLocation } from '../../site/src/lib/pages/channelPage.ts';
import { filterChannels, sortChannels } from '../../site/src/lib/pages/channelQuery.ts';
import { durationBucketLabel } from '../../site/src/lib/pages/overviewPage.ts';
import { SiteConfigError, siteBuildConfig } from '../../site/src/lib/siteBuildConfig.ts';

const channel = (over: Partial<ChannelIndexEntry>): ChannelIndexEntry => ({
  channelId: 'UCx',
  title: 'x',
  handle: null,
  subscribers: null,
  videos: 1,
  views: 1,
  likes: 0,
  comments: 0,
  medianViews: 1,
  likesPer1000: null,
  commentsPer1000: null,
  firstUpload: null,
  lastUpload: null,
  dataAsOf: null,
  ...over,
});

describe('formatting', () => {
  it('formatCount writes counts the way people read them', () => {
    expect([0, 950, 1234, 12_345, 1_234_567, 3_400_000_000].map(formatCount)).toEqual([
      '0',
      '950',
      '1,234',
      '12.3k',
      '1.23M',
      '3.4B',
    ]);
  });
  it('formatDuration writes a clock', () => {
    expect([5, 45, 225, 3723].map(formatDuration)).toEqual(['0:05', '0:45', '3:45', '1:02:03']);
    expect(formatDecimal(5)).toBe('5');
    expect(formatDecimal(12.345)).toBe('12.3');
  });
  it('durationBucketLabel names the contract buckets briefly', () => {
    expect(durationBucketLabel(0, 60)).toBe('under 1 min');
    expect(durationBucketLabel(60, 240)).toBe('1–4 min');
    expect(durationBucketLabel(1200, 3600)).toBe('20 min–1 h');
    expect(durationBucketLabel(3600, null)).toBe('1 h+');
  });
});

describe('channel search and sort', () => {
  const channels = [
    channel({ channelId: 'UC1', title: 'Café Tacvba', handle: '@cafetacvba', views: 10, subscribers: 5 }),
    channel({ channelId: 'UC2', title: 'Zebra Beats', handle: null, views: 30, subscribers: null }),
    channel({ channelId: 'UC3', title: 'alpha lab', handle: '@alpha', views: 20, subscribers: 9 }),
  ];
  it('filterChannels matches every word in title, handle or id, ignoring case and accents', () => {
    expect(filterChannels(channels, 'cafe').map((c) => c.channelId)).toEqual(['UC1']);
    expect(filterChannels(channels, 'LAB alpha').map((c) => c.channelId)).toEqual(['UC3']);
    expect(filterChannels(channels, '@alpha').map((c) => c.channelId)).toEqual(['UC3']);
    expect(filterChannels(channels, 'uc2').map((c) => c.channelId)).toEqual(['UC2']);
    expect(filterChannels(channels, '  ')).toHaveLength(3);
  });
  it('sortChannels orders both ways and keeps unknown values last', () => {
    expect(sortChannels(channels, 'views', true).map((c) => c.channelId)).toEqual(['UC2', 'UC3', 'UC1']);
    expect(sortChannels(channels, 'subscribers', true).map((c) => c.channelId)).toEqual([
      'UC3',
      'UC1',
      'UC2',
    ]);
    expect(sortChannels(channels, 'subscribers', false).map((c) => c.channelId)).toEqual([
      'UC1',
      'UC3',
      'UC2',
    ]);
    expect(sortChannels(channels, 'title', false).map((c) => c.title)).toEqual([
      'alpha lab',
      'Café Tacvba',
      'Zebra Beats',
    ]);
  });
});

describe('channelIdFromLocation', () => {
  it('reads ?id= first, then the hash', () => {
    expect(channelIdFromLocation({ search: '?id=UCabc', hash: '#UCzzz' })).toBe('UCabc');
    expect(channelIdFromLocation({ search: '', hash: '#UCzzz' })).toBe('UCzzz');
    expect(channelIdFromLocation({ search: '', hash: '#id=title%3Afoo' })).toBe('title:foo');
    expect(channelIdFromLocation({ search: '', hash: '' })).toBe('');
  });
});

describe('describeFreshness', () => {
  const now = new Date('2026-03-06T12:00:00Z');
  it('states the data day and the refresh age, and warns past the threshold', () => {
    const fresh = describeFreshness({ dataAsOf: '2026-03-05', generatedAt: '2026-03-06T09:00:00Z' }, now, 48);
    expect(fresh).toEqual({ line: 'Data as of Mar 5, 2026 · refreshed 3 hours ago', warning: null });
    const stale = describeFreshness({ dataAsOf: '2026-03-01', generatedAt: '2026-03-02T12:00:00Z' }, now, 48);
    expect(stale.warning).toContain('the last refresh ran 4 days ago');
    const empty = describeFreshness({ dataAsOf: null, generatedAt: '2026-03-06T11:59:00Z' }, now, 48);
    expect(empty.line).toBe('Data as of no snapshots yet · refreshed just now');
    expect(empty.warning).toContain('No statistics have been loaded yet');
  });
});

describe('siteBuildConfig', () => {
  it('defaults to same-origin data and a CSP without inline script', () => {
    const config = siteBuildConfig({});
    expect(config.dataBase).toBe('data/');
    expect(config.staleAfterHours).toBe(48);
    expect(config.contentSecurityPolicy).toContain("script-src 'self';");
    expect(config.contentSecurityPolicy).toContain("connect-src 'self';");
  });
  it('adds another data origin to connect-src and rejects bad settings', () => {
    const config = siteBuildConfig({ TUBELENS_DATA_BASE: 'https://d1.cloudfront.net/data/' });
    expect(config.contentSecurityPolicy).toContain("connect-src 'self' https://d1.cloudfront.net;");
    expect(() => siteBuildConfig({ TUBELENS_DATA_BASE: 'data' })).toThrow(SiteConfigError);
    expect(() => siteBuildConfig({ TUBELENS_DATA_BASE: 'javascript:alert(1)/' })).toThrow('http(s) URL');
    expect(() => siteBuildConfig({ TUBELENS_STALE_AFTER_HOURS: '-1' })).toThrow('positive number');
  });
});
