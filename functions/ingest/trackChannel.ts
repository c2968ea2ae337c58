import { addQuotaUnits, readQuotaUsage } from '../../db/ingest/quotaUsage.ts';
import { addTrackedChannel } from '../../db/ingest/trackedChannels.ts';
import { upsertChannelRows } from '../../db/ingest/upsertChannels.ts';
import type { SqlClient } from '../../db/sql/SqlClient.ts';
import { pacificDay } from './days.ts';
import { ChannelNotFoundError, QuotaExceededError } from './errors.ts';
import { createQuotaMeter } from './quotaMeter.ts';
import { type ChannelRecord, toChannelRecord } from './youtube/toRecords.ts';
import { MAX_RESULTS, type YouTubeApi } from './youtube/YouTubeApi.ts';

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
  const { tracked, missing } = await trackChannels(deps, [input], options);
  if (missing.length || !tracked[0]) throw new ChannelNotFoundError(noSuchChannels(missing));
  return tracked[0];
}

/**
 * Starts tracking several channels: ids go 50 to a channels.list call, each @handle takes a call
 * of its own (forHandle takes one). Every channel found is written, in input order; the ones
 * YouTube does not know come back in `missing`.
 */
export async function trackChannels(
  deps: { sql: SqlClient; youtube: YouTubeApi; clock?: () => Date },
  inputs: readonly string[],
  options: { dailyQuota?: number } = {},
): Promise<{ tracked: TrackedResult[]; missing: string[] }> {
  const refs = inputs.map((i) => i.trim());
  const bad = refs.find((r) => !isChannelRef(r));
  if (bad !== undefined) throw new ChannelNotFoundError(notAChannelRef(bad));
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
  const byRef = new Map<string, ChannelRecord>();
  try {
    const ids = [...new Set(refs.filter((r) => CHANNEL_ID.test(r)))];
    for (let i = 0; i < ids.length; i += MAX_RESULTS) {
      const response = await deps.youtube.listChannels({ ids: ids.slice(i, i + MAX_RESULTS) }, hooks);
      for (const c of response.items) byRef.set(c.id, toChannelRecord(c));
    }
    for (const handle of new Set(refs.filter((r) => !CHANNEL_ID.test(r)))) {
      const found = (await deps.youtube.listChannels({ forHandle: handle }, hooks)).items[0];
      if (found) byRef.set(handle, toChannelRecord(found));
    }
  } finally {
    await addQuotaUnits(deps.sql, quotaDay, meter.pending());
  }
  const results: TrackedResult[] = [];
  await deps.sql.transaction(async (tx) => {
    results.length = 0;
    for (const ref of refs) {
      const record = byRef.get(ref);
      if (!record) continue;
      const handle = CHANNEL_ID.test(ref) ? record.handle : ref;
      await upsertChannelRows(tx, [record]);
      const { added } = await addTrackedChannel(tx, record.channelId, handle, now);
      results.push({ channelId: record.channelId, title: record.title, handle, added });
    }
  });
  return { tracked: results, missing: refs.filter((r) => !byRef.has(r)) };
}

/** The message for channel ids or handles YouTube does not know. */
export function noSuchChannels(refs: readonly string[]): string {
  return `YouTube has no channel with ${refs.map((r) => (CHANNEL_ID.test(r) ? `id ${r}` : `handle ${r}`)).join(', ')}`;
}
