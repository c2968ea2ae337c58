import { describe, expect, it } from 'vitest';
import type { ReportOf } from '../../db/reports/contract/index.ts';
import { timeTicks } from '../../site/src/charts/support/timeTicks.ts';
import * as en from '../../site/src/i18n/en.ts';
import { createFormatters } from '../../site/src/i18n/formatters.ts';
import * as ja from '../../site/src/i18n/ja.ts';
import { pageFile, preferredLanguage } from '../../site/src/i18n/languages.ts';
import { formatOffset, timeZoneLabel, zoneOffsetMinutes } from '../../site/src/i18n/timeZones.ts';
import { readIndexQuery, writeIndexQuery } from '../../site/src/lib/pages/channelQuery.ts';
import { heatmapInZone } from '../../site/src/lib/pages/heatmapInZone.ts';
import { languageRedirect } from '../../site/src/lib/preferences.ts';
import { displayWidth } from '../../site/src/text/displayWidth.ts';

const DAY = 86_400_000;

describe('Japanese number and date conventions through Intl', () => {
  const ja = createFormatters('ja', 'Asia/Tokyo');
  it('counts in 万 and 億, exact below ten thousand', () => {
    expect(ja.count(950)).toBe('950');
    expect(ja.count(1234)).toBe('1,234');
    expect(ja.count(12_000)).toBe('1.2万');
    expect(ja.count(123_456)).toBe('12.3万');
    expect(ja.count(340_000_000)).toBe('3.4億');
    expect(ja.whole(1_234_567)).toBe('1,234,567');
  });
  it('writes dates as 2026年1月2日 in the reader’s zone, and calendar days as they are', () => {
    const lateUtc = new Date('2026-01-01T20:00:00Z');
    expect(ja.day(lateUtc)).toBe('2026年1月2日');
    expect(createFormatters('ja', 'UTC').day(lateUtc)).toBe('2026年1月1日');
    expect(ja.calendarDay('2026-01-02')).toBe('2026年1月2日');
    expect(ja.calendarMonth('2026-03')).toBe('2026年3月');
    expect(ja.weekday(0)).toBe('月');
    expect(ja.weekday(6, 'long')).toBe('日曜日');
    expect(ja.instant(lateUtc)).toMatch(/^2026年1月2日 05:00 JST$/);
  });
  it('says how long ago in Japanese', () => {
    expect(ja.ago(3 * 3_600_000)).toBe('3 時間前');
    expect(createFormatters('en').ago(5 * DAY)).toBe('5 days ago');
  });
});

describe('catalogues', () => {
  /** Every leaf of a section: strings, and messages called with sample values. */
  function leaves(section: unknown, path = ''): [string, string][] {
    if (typeof section === 'string') return [[path, section]];
    if (typeof section === 'function') {
      const sample = Array.from({ length: section.length }, (_, i) => (i === 0 ? 2 : `x${i}`));
      return [[path, String(section(...sample))]];
    }
    return Object.entries(section as object).flatMap(([key, value]) => leaves(value, `${path}.${key}`));
  }
  const sections = [
    'charts',
    'common',
    'overview',
    'channels',
    'channel',
    'about',
    'pages',
    'explorer',
  ] as const;

  it('give every message in Japanese, none empty and none left in English', () => {
    const english: Record<string, unknown> = en;
    const japanese: Record<string, unknown> = ja;
    for (const name of sections) {
      const englishLeaves = leaves(english[name], name);
      const japaneseLeaves = leaves(japanese[name], name);
      expect(japaneseLeaves.map(([path]) => path)).toEqual(englishLeaves.map(([path]) => path));
      for (const [path, text] of japaneseLeaves) {
        expect(text.trim(), path).not.toBe('');
        // Japanese text may hold names (UTC, JSON, HTTP, CSV, ID) but not an English sentence.
        expect(text, path).not.toMatch(/\b(the|and|of|is|are|not|videos?)\b/);
      }
    }
  });

  it('write "1 video" and "2 videos" in English', () => {
    expect(en.common.videos(1, '1')).toBe('1 video');
    expect(en.common.videos(2, '2')).toBe('2 videos');
    expect(en.common.days(1, '1')).toBe('1 day');
    expect(en.common.months(1)).toBe('1 month');
    expect(en.explorer.videos(1, '1')).toBe('1 video');
  });
});

describe('time zones', () => {
  it('know offsets, with and without daylight saving time', () => {
    expect(zoneOffsetMinutes('Asia/Tokyo', new Date('2026-07-01T00:00:00Z'))).toBe(540);
    expect(zoneOffsetMinutes('America/New_York', new Date('2026-07-01T00:00:00Z'))).toBe(-240);
    expect(zoneOffsetMinutes('America/New_York', new Date('2026-01-01T00:00:00Z'))).toBe(-300);
    expect(formatOffset(330)).toBe('UTC+5:30');
    expect(formatOffset(-300)).toBe('UTC−5');
    expect(timeZoneLabel('Asia/Tokyo', 'ja')).toMatch(/^日本.*\(UTC\+9\)$/);
    expect(timeZoneLabel('UTC', 'ja')).toBe('UTC');
  });
});

describe('heatmapInZone', () => {
  type Cell = ReportOf<'publishHeatmap'>['cells'][number];
  const cells: Cell[] = [];
  for (let weekday = 1; weekday <= 7; weekday += 1) {
    for (let hour = 0; hour < 24; hour += 1) {
      cells.push({ weekday, hour, uploads: weekday * 100 + hour, views: 0, medianViews: hour });
    }
  }
  const at = (list: readonly Cell[], weekday: number, hour: number) =>
    list.find((c) => c.weekday === weekday && c.hour === hour)!;

  it('moves every cell by a whole-hour offset: Monday 15:00 UTC is Tuesday 00:00 in Tokyo', () => {
    const tokyo = heatmapInZone(cells, 'Asia/Tokyo', 2020);
    expect(tokyo.fit).toBe('exact');
    expect(tokyo.cells).toHaveLength(168);
    expect(at(tokyo.cells, 2, 0).uploads).toBe(115);
    expect(at(tokyo.cells, 1, 8).uploads).toBe(723); // Sunday 23:00 UTC
    expect(tokyo.cells.reduce((s, c) => s + c.uploads, 0)).toBe(cells.reduce((s, c) => s + c.uploads, 0));
  });
  it('shifts a daylight-saving zone by its standard offset and says so; keeps UTC for +5:30', () => {
    const ny = heatmapInZone(cells, 'America/New_York', 2020);
    expect(ny.fit).toBe('seasonal');
    expect([ny.offset, ny.otherOffset]).toEqual(['UTC−5', 'UTC−4']);
    expect(at(ny.cells, 1, 0).uploads).toBe(105); // Monday 05:00 UTC
    const india = heatmapInZone(cells, 'Asia/Kolkata', 2020);
    expect(india.fit).toBe('utc');
    expect(india.cells).toEqual(cells);
  });
});

describe('timeTicks', () => {
  const en = createFormatters('en', 'UTC');
  it('labels a two-week range with distinct days that fit side by side', () => {
    const from = Date.parse('2017-11-10T00:00:00Z');
    const ticks = timeTicks(from, from + 14 * DAY, 300, en);
    const labels = ticks.values.map(ticks.format);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels.every((l) => /^Nov \d{1,2}$/.test(l))).toBe(true);
    expect(labels.length).toBeGreaterThan(1);
    const widest = Math.max(...labels.map(displayWidth));
    expect(labels.length * (widest + 2) * 6.6).toBeLessThanOrEqual(300);
  });
  it('labels a decade in whole years and a few days in single days, never one label twice', () => {
    const years = timeTicks(Date.parse('2008-06-17T00:00:00Z'), Date.parse('2018-01-16T00:00:00Z'), 600, en);
    expect(years.values.map(years.format)).toEqual([
      '2009',
      '2010',
      '2011',
      '2012',
      '2013',
      '2014',
      '2015',
      '2016',
      '2017',
      '2018',
    ]);
    const days = timeTicks(Date.parse('2020-08-05T03:00:00Z'), Date.parse('2020-08-06T20:00:00Z'), 600, en);
    expect(days.values.map(days.format)).toEqual(['Aug 6']);
  });
  it('puts day ticks on local midnights in the reader’s zone, in Japanese', () => {
    const tokyo = createFormatters('ja', 'Asia/Tokyo');
    const from = Date.parse('2020-08-11T00:00:00Z');
    const ticks = timeTicks(from, from + 5 * DAY, 600, tokyo);
    expect(ticks.values.every((t) => (t + 9 * 3_600_000) % DAY === 0)).toBe(true);
    expect(ticks.values.map(ticks.format)[0]).toBe('8月12日');
  });
});

describe('languages', () => {
  it('prefers the first browser language the site speaks', () => {
    expect(preferredLanguage(['ja-JP', 'en-US'])).toBe('ja');
    expect(preferredLanguage(['fr-FR', 'en-GB'])).toBe('en');
    expect(preferredLanguage(['ko-KR'])).toBe('en');
    expect(pageFile('channel', 'ja')).toBe('channel.ja.html');
    expect(pageFile('index', 'en')).toBe('index.html');
  });
  it('sends a Japanese reader from an English page to the Japanese one, keeping the address', () => {
    expect(languageRedirect('en', 'channel', { search: '?id=UC1', hash: '' }, ['ja-JP'])).toBe(
      './channel.ja.html?id=UC1',
    );
    expect(languageRedirect('en', 'index', { search: '?lang=en', hash: '' }, ['ja-JP'])).toBeNull();
    expect(languageRedirect('ja', 'index', { search: '', hash: '' }, ['en-US'])).toBeNull();
    expect(languageRedirect('en', 'index', { search: '', hash: '' }, ['en-US'])).toBeNull();
  });
});

describe('channel index links', () => {
  it('carry the search and the sort, and keep other parameters', () => {
    const search = writeIndexQuery('?lang=en', { query: 'ゲーム', sort: 'videos', descending: false });
    expect(search).toBe('?lang=en&q=%E3%82%B2%E3%83%BC%E3%83%A0&sort=videos.asc');
    expect(readIndexQuery(search)).toEqual({ query: 'ゲーム', sort: 'videos', descending: false });
    expect(writeIndexQuery('', { query: '', sort: 'views', descending: true })).toBe('');
    expect(readIndexQuery('?sort=nonsense.asc')).toEqual({ query: '', sort: 'views', descending: true });
  });
});
