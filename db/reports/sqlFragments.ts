/** SQL snippets shared by the report queries (text only, never data). */

/**
 * The newest channel snapshot day of any channel, as a scalar subquery. channel_daily_stats is
 * keyed (channel_id, day) with no index on day alone: one primary-key probe per channel (10,000
 * at the big scale) instead of a scan of every channel's history.
 */
export const NEWEST_CHANNEL_DAY = /* sql */ `(SELECT max(n.day) FROM channels c
  CROSS JOIN LATERAL (SELECT max(d.day) AS day FROM channel_daily_stats d WHERE d.channel_id = c.channel_id) n)`;

/** A timestamptz column as ISO 8601 in UTC with milliseconds, e.g. `2017-11-14T17:00:03.000Z`. */
export function isoUtc(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/**
 * The median of an expression, rounded half away from zero to a whole number (0 when empty), over
 * the rows that pass `filter` (SQL condition) when given.
 *
 * Each group's values are gathered with array_agg and only then sorted, group by group, in a
 * subquery over that array, rather than by percentile_cont over the rows: a query holding an
 * ordered-set aggregate must sort every row by its groups first (1 M videos spilled that sort to
 * disk at 64 MB of work_mem), while array_agg lets it group in a hash and sort small arrays. Same
 * values (NULLs are left out either way); at 1 M videos the heatmap went from 0.85-0.90 s to
 * 0.47-0.50 s and the whole channel index from 2.0 s to 1.2-1.5 s (docs/refresh.md).
 */
export function medianOf(expression: string, filter?: string): string {
  const only = filter ? ` FILTER (WHERE ${filter})` : '';
  return `COALESCE(round((SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM unnest(array_agg(${expression})${only}) AS x)::numeric), 0)::float8`;
}

/** A rate rounded to 3 decimals, so equal data always serialises to equal JSON. */
export function rounded(expression: string, places = 3): string {
  return `round((${expression})::numeric, ${places})::float8`;
}

/**
 * Most characters of a title or handle in a report. YouTube allows 100; a longer one is bad data,
 * and a 100,000-character title once stopped every refresh (a Data API row holds 64 KB: a list
 * chunk of 100 items at 120 four-byte characters each is 48 KB). queryOversizedText names them.
 */
export const REPORT_TEXT_LIMIT = 120;

/** A text column for a report: as it is, or cut to REPORT_TEXT_LIMIT characters ending in "…". */
export function clipped(column: string): string {
  return `CASE WHEN length(${column}) > ${REPORT_TEXT_LIMIT} THEN left(${column}, ${REPORT_TEXT_LIMIT - 1}) || '…' ELSE ${column} END`;
}
