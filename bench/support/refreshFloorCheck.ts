// Proves the floor is not a cheaper, wrong query: its values must equal what the product
// published in the same run (read back from the refresh's output directory). Every global report
// and the whole channel index are compared; the channel parts for a sample of channels.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { type ChannelReport, RECENT_UPLOADS } from '../../db/reports/contract/index.ts';
import type { FloorRun } from './refreshFloor.ts';

/** Reads an object the directory store wrote (plain JSON, or gzip bytes as published). */
function readObject(out: string, key: string): Record<string, unknown> {
  const bytes = readFileSync(path.join(out, key));
  const text =
    bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
  return JSON.parse(text);
}

/** Channels the check compares: the first, last and middle of the id order, and one in seven. */
export function sampleChannels(ids: readonly string[], count = 8): Set<string> {
  const sorted = [...ids].sort();
  const picks = new Set<string>();
  for (let i = 0; i < count && sorted.length; i += 1) {
    picks.add(sorted[Math.floor((i * (sorted.length - 1)) / Math.max(1, count - 1))]!);
  }
  return picks;
}

/** A floor row of the `channel videos` statement. */
type VideosPart = { videos: unknown[]; breakouts: unknown[] };
/** An upload of the `channel performance` statement. */
type Upload = { videoId: string; ageDays: number | null };

/** Each published channel-report field and how to get the floor's value for it. */
const channelParts: [string, (floor: FloorRun, id: string) => unknown, (report: ChannelReport) => unknown][] =
  [
    ['videos', (f, id) => part<VideosPart>(f, 'channel videos', id)?.videos ?? [], (r) => r.videos],
    ['breakouts', (f, id) => part<VideosPart>(f, 'channel videos', id)?.breakouts ?? [], (r) => r.breakouts],
    ['viewsOverTime', (f, id) => part(f, 'channel viewsOverTime', id) ?? [], (r) => r.viewsOverTime],
    [
      'cadence',
      (f, id) => part(f, 'channel cadence', id) ?? { byMonth: [], medianDaysBetweenUploads: null },
      (r) => r.cadence,
    ],
    ['growth.days', (f, id) => part(f, 'channel growth days', id) ?? [], (r) => r.growth?.days ?? []],
    // The performance section is a summary computed in memory; its recent uploads (newest first)
    // must be the newest of the floor's uploads (oldest first) that have a latest snapshot.
    [
      'performance.recent',
      (f, id) =>
        (part<Upload[]>(f, 'channel performance', id) ?? [])
          .filter((u) => u.ageDays !== null)
          .map((u) => u.videoId)
          .reverse()
          .slice(0, RECENT_UPLOADS),
      (r) => (r.performance?.recent ?? []).map((u) => u.videoId),
    ],
  ];

function part<T = unknown>(floor: FloorRun, statement: string, id: string): T | undefined {
  return floor.channels.get(statement)?.get(id) as T | undefined;
}

/**
 * Compares the floor with the refresh published in `out` (its `data/` prefix); returns one line
 * per difference, empty when every compared value is equal.
 */
export function checkFloor(floor: FloorRun, out: string, sample: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const manifest = readObject(out, 'data/manifest.json') as {
    reports: Record<string, string>;
    catalog: string;
  };
  for (const [name, value] of floor.global) {
    const { dataAsOf: _, ...published } = readObject(out, manifest.reports[name]!);
    if (!isDeepStrictEqual(value, published)) problems.push(`${name}: ${firstDifference(value, published)}`);
  }
  const index = readObject(out, manifest.reports.channelIndex!).channels;
  if (!isDeepStrictEqual(floor.index, index))
    problems.push(`channelIndex: ${firstDifference(floor.index, index)}`);
  const catalog = readObject(out, manifest.catalog) as { entries: Record<string, { key: string }> };
  for (const id of sample) {
    const report = readObject(out, catalog.entries[`channel:${id}`]!.key) as unknown as ChannelReport;
    for (const [name, fromFloor, fromReport] of channelParts) {
      const a = fromFloor(floor, id);
      const b = fromReport(report);
      if (!isDeepStrictEqual(a, b)) problems.push(`channel ${id} ${name}: ${firstDifference(a, b)}`);
    }
  }
  return problems;
}

/** The path and both values of the first place two JSON values differ. */
function firstDifference(a: unknown, b: unknown, at = ''): string {
  if (typeof a === 'object' && a && typeof b === 'object' && b) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const x = (a as Record<string, unknown>)[k];
      const y = (b as Record<string, unknown>)[k];
      if (!isDeepStrictEqual(x, y)) return firstDifference(x, y, `${at}.${k}`);
    }
  }
  return `${at || '(value)'} floor=${JSON.stringify(a)?.slice(0, 120)} published=${JSON.stringify(b)?.slice(0, 120)}`;
}
