import { param } from '../../../db/sql/param.ts';
import type { SqlParam } from '../../../db/sql/SqlClient.ts';
import type { Brush, ViewState } from '../../shared/viewState.ts';
import { likeTerms } from './likeTerms.ts';

/**
 * The WHERE conditions for the videos a state selects, over `videos v`. Values are appended to
 * `params` and referenced by placeholder; no user text reaches the SQL. Indexes used:
 * videos_channel_published_idx (channels + dates), videos_published_idx (dates alone),
 * videos_title_trgm_idx (the pg_trgm GIN index on `title_search`, migration 6: every title word is
 * a LIKE on that column, so one- and two-character words of any script use it too).
 */
export function videoFilterSql(
  state: Pick<ViewState, 'channels' | 'filters' | 'timeZone'>,
  brush: Brush | null,
  params: SqlParam[],
): string {
  const p = (value: SqlParam) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (state.channels.length) {
    // `= ANY (ARRAY(...))`: the array is computed once (an InitPlan), so the planner can probe
    // videos_channel_published_idx per channel; `IN (SELECT jsonb_array_elements_text(...))`
    // was planned as a hash semi-join over a sequential scan of every video.
    where.push(
      `v.channel_id = ANY (ARRAY(SELECT jsonb_array_elements_text(${p(param.json(state.channels))})))`,
    );
  }
  const f = state.filters;
  // The days are the reader's: midnight where they are (AT TIME ZONE turns a local time into an
  // instant), so the range stays a plain comparison on published_at and uses its index.
  const zone = state.timeZone ?? 'UTC';
  if (f.from)
    where.push(`v.published_at >= (${p(param.date(f.from))}::date::timestamp AT TIME ZONE ${p(zone)})`);
  if (f.to) {
    where.push(`v.published_at < ((${p(param.date(f.to))}::date + 1)::timestamp AT TIME ZONE ${p(zone)})`);
  }
  if (f.minDuration !== null) where.push(`v.duration_seconds >= ${p(f.minDuration)}`);
  if (f.maxDuration !== null) where.push(`v.duration_seconds <= ${p(f.maxDuration)}`);
  if (f.category !== null) where.push(`v.category_id = ${p(f.category)}`);
  for (const term of likeTerms(f.title)) {
    where.push(`v.title_search LIKE '%' || tubelens_search_key(${p(term)}) || '%'`);
  }
  if (brush) {
    where.push(
      `v.published_at BETWEEN ${p(new Date(brush.from))}::timestamptz AND ${p(new Date(brush.to))}::timestamptz`,
    );
    where.push(`v.views BETWEEN ${p(Math.floor(brush.minViews))} AND ${p(Math.ceil(brush.maxViews))}`);
  }
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}
