import { addQuotaUnits, readQuotaUsage } from '../../db/ingest/quotaUsage.ts';
import { addTrackedChannel } from '../../db/ingest/trackedChannels.ts';
import { upsertChannelRows } from '../../db/ingest/upsertChannels.ts';
import type { SqlClient } from '../../db/sql/SqlClient.ts';
import { pacificDay } from './days.ts';
import { ChannelNotFoundError, QuotaExceededError } from './errors.ts';
import { createQuotaMeter } from './quotaMeter.ts';
import { toChannelRecord } from './youtube/toRecords.ts';
import type { YouTubeApi } from './youtube/YouTubeApi.ts';

// Channel ids are 'UC' and 22 base64url characters; handles are '@' and 3-30 letters, digits,
// '_', '-' or '.' (YouTube's handle rules).
const CHANNEL_ID = /^UC[A-Za-z0-9_-]{22}$/;
const HANDLE = /^@[\p{L}\p{N}._-]{3,30}$/u;

/** The message for input that is neither. */
export function notAChannelRef(input: string): string {
  return `"${input}" is neither a channel id (UC followed by 22 characters) nor a @handle`;
}

/** Whether text is a channel id or a @handle (the two things `track` accepts). */
export function isChannelRef(text: string): boolean {
  return CHANNEL_ID.test(text.trim()) || HANDLE.test(text.trim());
}

export interface TrackedResult {
  readonly channelId: string;
  readonly title: string;
  readonly handle: string | null;
  /** False when the channel was already tracked. */
  readonly added: boolean;
}

/**
 * Starts tracking a channel given its id or @handle: one channels.list call (1 unit, counted
 * in the day's quota) resolves and checks it, then the channel and its tracking row are written.
 */
export async function trackChannel(
  deps: { sql: SqlClient; youtube: YouTubeApi; clock?: () => Date },
  input: string,
  options: { dailyQuota?: number } = {},
): Promise<TrackedResult> {
  const text = input.trim();
  const byId = CHANNEL_ID.test(text);
  if (!isChannelRef(text)) throw new ChannelNotFoundError(notAChannelRef(input));
  const now = (deps.clock ?? (() => new Date()))();
  const quotaDay = pacificDay(now);
  const usage = await readQuotaUsage(deps.sql, quotaDay);
  if (usage.exhaustedAt) {
    throw new QuotaExceededError(
      `the YouTube quota for ${quotaDay} (Pacific) is exhausted; try after midnight Pacific`,
      403,
      'quotaExceeded',
    );
  }
  const meter = createQuotaMeter(Math.max(0, (options.dailyQuota ?? 10_000) - usage.unitsUsed));
  const hooks = { beforeAttempt: (m: string) => meter.spend(m) };
  let response: Awaited<ReturnType<YouTubeApi['listChannels']>>;
  try {
    response = await deps.youtube.listChannels(byId ? { ids: [text] } : { forHandle: text }, hooks);
  } finally {
    await addQuotaUnits(deps.sql, quotaDay, meter.pending());
  }
  const found = response.items[0];
  if (!found)
    throw new ChannelNotFoundError(`YouTube has no channel ${byId ? 'with id' : 'with handle'} ${text}`);
  const record = toChannelRecord(found);
  const handle = byId ? record.handle : text;
  const { added } = await deps.sql.transaction(async (tx) => {
    await upsertChannelRows(tx, [record]);
    return addTrackedChannel(tx, record.channelId, handle, now);
  });
  return { channelId: record.channelId, title: record.title, handle, added };
}
