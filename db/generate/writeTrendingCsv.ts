import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { youtubeNew2017 } from '../load/trendingFormats.ts';
import { createRandom } from './random.ts';
import { type GenerateShape, snapshotsOf, videoAt } from './syntheticData.ts';

export interface WriteTrendingCsvOptions {
  /** Stop after this many records (default: every video's trending run). */
  readonly rows?: number;
  readonly onProgress?: (rows: number) => void;
}

const csvQuote = (text: string) => `"${text.replaceAll('"', '""')}"`;

function yyDdMm(day: string): string {
  return `${day.slice(2, 4)}.${day.slice(8, 10)}.${day.slice(5, 7)}`;
}

/**
 * Writes synthetic data as a Kaggle youtube-new (2017) trending CSV, quirks included (CRLF,
 * YY.DD.MM days, bare-quoted tags, literal "\n" in descriptions): each video trends for a run
 * of 1 to 10 consecutive days inside the window, with that day's snapshot counts. Rows are
 * grouped by video. With `rows`, videos beyond shape.videos are generated until it is reached,
 * so the file can be any size. Resolves to the number of records written.
 */
export async function writeTrendingCsv(
  shape: GenerateShape,
  out: Writable,
  options: WriteTrendingCsvOptions = {},
): Promise<number> {
  const limit = options.rows ?? Number.POSITIVE_INFINITY;
  const videoLimit = options.rows === undefined ? shape.videos : Number.POSITIVE_INFINITY;
  let pending = `${youtubeNew2017.columns.join(',')}\r\n`;
  let rows = 0;
  for (let i = 0; i < videoLimit && rows < limit; i += 1) {
    const video = videoAt(shape, i);
    const snapshots = snapshotsOf(shape, video);
    const r = createRandom(shape.seed, 'trending', i);
    const length = Math.min(snapshots.length, 1 + (Math.floor(-Math.log(1 - r.next()) * 3) % 10));
    const start = r.int(0, snapshots.length - length);
    const tags = video.tags.length ? video.tags.map((t) => `"${t}"`).join('|') : '[none]';
    const description = csvQuote(video.description.replaceAll('\n', '\\n'));
    const fixed = [
      csvQuote(video.title),
      csvQuote(video.channel.title),
      String(video.categoryId),
      video.publishedAt.toISOString(),
      tags,
    ].join(',');
    for (let k = start; k < start + length && rows < limit; k += 1) {
      const s = snapshots[k]!;
      pending +=
        `${video.videoId},${yyDdMm(s.day)},${fixed},${s.views},${s.likes},0,${s.comments},` +
        `https://i.ytimg.com/vi/${video.videoId}/default.jpg,False,False,False,${description}\r\n`;
      rows += 1;
    }
    if (pending.length > 256 * 1024) {
      if (!out.write(pending)) await once(out, 'drain');
      pending = '';
      options.onProgress?.(rows);
    }
  }
  if (!out.write(pending)) await once(out, 'drain');
  options.onProgress?.(rows);
  return rows;
}
