import { describe, expect, it } from 'vitest';
import type { ChannelIndexEntry } from '../../db/reports/contract/index.ts';
import * as en from '../../site/src/i18n/en.ts';
import { createFormatters } from '../../site/src/i18n/formatters.ts';
import { describeFreshness } from '../../site/src/lib/freshness.ts';
import { channelIdFromLocation } from '../../site/src/lib/pages/channelPage.ts';
import { filterChannels, sortChannels } from '../../site/src/lib/pages/channelQuery.ts';
import { durationBucketLabel } from '../../site/src/lib/pages/durationsCard.ts';
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

const f = createFormatters('en', 'UTC');

describe('formatting', () => {
  it('count writes counts the way people read them', () => {
    expect([0, 950, 1234, 12_345, 1_234_567, 3_400_000_000].map(f.count)).toEqual([
      '0',
      '950',
      '1,234',
      '12.3K',
      '1.23M',
      '3.4B',
    ]);
  });
  it('duration writes a clock, decimal at most one place', () => {
    expect([5, 45, 225, 3723].map(f.duration)).toEqual(['0:05', '0:45', '3:45', '1:02:03']);
    expect(f.decimal(5)).toBe('5');
    expect(f.decimal(12.345)).toBe('12.3');
  });
  it('durationBucketLabel names the contract buckets briefly', () => {
    const l = { format: f, t: en.overview };
    expect(durationBucketLabel(0, 60, l)).toBe('under 1 min');
    expect(durationBucketLabel(60, 240, l)).toBe('1–4 min');
    expect(durationBucketLabel(1200, 3600, l)).toBe('20 min–1 h');
    expect(durationBucketLabel(3600, null, l)).toBe('1 h+');
  });
});

describe('channel search and sort', () => {
  const channels = [
    channel({ channelId: 'UC1', title: 'Café Tacvba', handle: '@cafetacvba', views: 10, subscribers: 5 }),
    channel({ channelId: 'UC2', title: 'Zebra Beats', handle: null, views: 30, subscribers: null }),
    channel({ channelId: 'UC3', title: 'alpha lab', handle: '@alpha', views: 20, subscribers: 9 }),
  ];
  it('filterChannels matches every word in title or handle, ignoring case and accents, or the whole id', () => {
    expect(filterChannels(channels, 'cafe').map((c) => c.channelId)).toEqual(['UC1']);
    expect(filterChannels(channels, 'LAB alpha').map((c) => c.channelId)).toEqual(['UC3']);
    expect(filterChannels(channels, '@alpha').map((c) => c.channelId)).toEqual(['UC3']);
    expect(filterChannels(channels, 'UC2').map((c) => c.channelId)).toEqual(['UC2']);
    expect(filterChannels(channels, 'uc')).toEqual([]);
    expect(filterChannels(channels, '  ')).toHaveLength(3);
  });
  it('filterChannels never matches the ids the loader derives from titles', () => {
    const derived = [
      channel({ channelId: 'title:AbCdEfGhTitle12345e', title: 'Nike' }),
      channel({ channelId: 'title:ZyXwVuTsRq987654321', title: 'Adidas' }),
    ];
    expect(filterChannels(derived, 'title')).toEqual([]);
    expect(filterChannels(derived, 'e').map((c) => c.title)).toEqual(['Nike']);
    expect(filterChannels(derived, 'title:AbCdEfGhTitle12345e')).toEqual([]);
  });
  it('filterChannels finds Japanese and Korean words inside unspaced titles, width-insensitively', () => {
    const cjk = [
      channel({ channelId: 'UCj', title: '東海オンエア公式チャンネル' }),
      channel({ channelId: 'UCk', title: '보겸BK 먹방' }),
      channel({ channelId: 'UCw', title: 'ＡＢＣニュース' }),
    ];
    expect(filterChannels(cjk, 'オンエア').map((c) => c.channelId)).toEqual(['UCj']);
    expect(filterChannels(cjk, 'ｵﾝｴｱ 公式').map((c) => c.channelId)).toEqual(['UCj']);
    expect(filterChannels(cjk, '먹방').map((c) => c.channelId)).toEqual(['UCk']);
    expect(filterChannels(cjk, 'abc').map((c) => c.channelId)).toEqual(['UCw']);
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
    const l = { format: f, common: en.common };
    const fresh = describeFreshness(
      { dataAsOf: '2026-03-05', generatedAt: '2026-03-06T09:00:00Z' },
      now,
      48,
      l,
    );
    expect(fresh).toEqual({ line: 'Data as of Mar 5, 2026 · refreshed 3 hours ago', warning: null });
    const stale = describeFreshness(
      { dataAsOf: '2026-03-01', generatedAt: '2026-03-02T12:00:00Z' },
      now,
      48,
      l,
    );
    expect(stale.warning).toContain('the last refresh ran 4 days ago');
    const empty = describeFreshness({ dataAsOf: null, generatedAt: '2026-03-06T11:59:00Z' }, now, 48, l);
    expect(empty.line).toBe('Data as of no snapshots yet · refreshed this minute');
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
  it('links the explorer only when TUBELENS_EXPLORER_URL names an http(s) address', () => {
    expect(siteBuildConfig({}).explorerUrl).toBe('');
    expect(siteBuildConfig({ TUBELENS_EXPLORER_URL: 'https://explorer.example.com/' }).explorerUrl).toBe(
      'https://explorer.example.com/',
    );
    expect(() => siteBuildConfig({ TUBELENS_EXPLORER_URL: 'javascript:alert(1)' })).toThrow('http(s) URL');
  });
});
