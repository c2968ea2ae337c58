import { addQuotaUnits } from '../../db/ingest/quotaUsage.ts';
import { upsertVideos } from '../../db/ingest/upsertVideos.ts';
import { param } from '../../db/sql/param.ts';
import { BudgetExhaustedError, QuotaExceededError, TimeLimitError } from './errors.ts';
import type { IngestContext } from './IngestContext.ts';
import { isShort } from './youtube/isShort.ts';
import { isGone, toVideoRecord } from './youtube/toRecords.ts';
import { MAX_RESULTS } from './youtube/YouTubeApi.ts';

/**
 * videos.list for up to 50 ids: writes details, latest counts and today's snapshot of every video
 * that came back, marks the ones that did not (deleted, private) as removed, and takes them all
 * off the queue, in one transaction with the units spent.
 */
export async function fetchVideos(ctx: IngestContext, ids: readonly string[], what: string): Promise<void> {
  if (ids.length === 0) return;
  if (ids.length > MAX_RESULTS) throw new RangeError(`at most ${MAX_RESULTS} ids per videos.list`);
  for (const id of ids) ctx.fetched.add(id);
  const response = await ctx.youtube.listVideos(ids, ctx.hooks);
  const returned = new Set(response.items.map((v) => v.id));
  const found = response.items.filter((v) => !isGone(v)).map(toVideoRecord);
  const gone = [...ids.filter((id) => !returned.has(id)), ...response.items.filter(isGone).map((v) => v.id)];
  // A stop while asking for categories must not lose the videos already paid for: write them,
  // then stop.
  const stop = await ensureCategories(
    ctx,
    found.map((v) => v.categoryId),
  );
  const units = ctx.meter.pending();
  const result = await ctx.sql.transaction(async (tx) => {
    const r = await upsertVideos(tx, { requested: ids, found, gone, day: ctx.day });
    await addQuotaUnits(tx, ctx.quotaDay, units);
    return r;
  });
  ctx.meter.persisted(units);
  ctx.counters.videosUpdated += found.length;
  ctx.counters.videosRemoved += result.removed;
  ctx.counters.shorts += found.filter((v) => isShort(v.durationSeconds)).length;
  if (gone.length) ctx.logger.info('videos gone from videos.list (deleted or private)', { videoIds: gone });
  ctx.progress(`${what}: ${ctx.counters.videosUpdated} videos`);
  if (stop) throw stop;
}

/** Fetches categories the table lacks (1 unit, once per id per run); returns a stop, if one came. */
async function ensureCategories(ctx: IngestContext, ids: readonly (number | null)[]): Promise<Error | null> {
  const unknown = [...new Set(ids)].filter(
    (id): id is number => id !== null && !ctx.categories.has(id) && !ctx.categoriesAsked.has(id),
  );
  if (unknown.length === 0) return null;
  for (const id of unknown) ctx.categoriesAsked.add(id);
  try {
    const response = await ctx.youtube.listVideoCategories(
      unknown.slice(0, MAX_RESULTS).map(String),
      ctx.hooks,
    );
    if (response.items.length) {
      await ctx.sql.query(
        `INSERT INTO categories (category_id, title, assignable)
         SELECT r.id::int, r.title, COALESCE(r.assignable, true)
         FROM jsonb_to_recordset($1) AS r(id text, title text, assignable boolean)
         ON CONFLICT (category_id) DO NOTHING`,
        [
          param.json(
            response.items.map((c) => ({
              id: c.id,
              title: c.snippet.title,
              assignable: c.snippet.assignable,
            })),
          ),
        ],
      );
    }
    for (const c of response.items) ctx.categories.add(Number(c.id));
    return null;
  } catch (error) {
    if (
      error instanceof BudgetExhaustedError ||
      error instanceof QuotaExceededError ||
      error instanceof TimeLimitError
    ) {
      return error;
    }
    throw error;
  }
}
