import { once } from 'node:events';
import type { Writable } from 'node:stream';

/**
 * A tracker's daily channel snapshot file: `channels` channels on each of `days` days ending
 * 2025-12-31, in the order a tracker appends them (day by day), with a BOM, a title with a comma
 * now and then, subscribers rounded down to 3 significant figures and an empty count here and there.
 */
export async function writeChannelDailyCsv(out: Writable, channels: number, days: number): Promise<number> {
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('\ufeffdate_utc,channel_id,channel_title,subscribers,views,videos\n');
  const end = Date.UTC(2025, 11, 31);
  let rows = 0;
  let buffer = '';
  for (let d = days - 1; d >= 0; d -= 1) {
    const day = new Date(end - d * 86_400_000).toISOString().slice(0, 10);
    for (let c = 1; c <= channels; c += 1) {
      const id = `UC${String(c).padStart(22, '0')}`;
      const subs = Math.floor(500 * 1.01 ** (c % 700) * (1 + (days - d) / 1000));
      const step = subs < 1000 ? 1 : 10 ** (Math.floor(Math.log10(subs)) - 2);
      const hidden = c % 50 === 0;
      buffer += `${day},${id},${c % 10 === 0 ? `"Channel ${c}, live"` : `Channel ${c}`},${hidden ? '' : subs - (subs % step)},${1_000_000 + c * 1000 + (days - d) * c},${100 + Math.floor((days - d) / 7)}\n`;
      rows += 1;
      if (buffer.length > 1 << 16) {
        await write(buffer);
        buffer = '';
      }
    }
  }
  await write(buffer);
  return rows;
}
