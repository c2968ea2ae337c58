/** SQL snippets shared by the report queries (text only, never data). */

/** A timestamptz column as ISO 8601 in UTC with milliseconds, e.g. `2017-11-14T17:00:03.000Z`. */
export function isoUtc(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/**
 * The median of an expression, rounded half away from zero to a whole number (0 when empty), over
 * the rows that pass `filter` (SQL condition) when given.
 */
export function medianOf(expression: string, filter?: string): string {
  const only = filter ? ` FILTER (WHERE ${filter})` : '';
  return `COALESCE(round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ${expression})${only})::numeric), 0)::float8`;
}

/** A rate rounded to 3 decimals, so equal data always serialises to equal JSON. */
export function rounded(expression: string, places = 3): string {
  return `round((${expression})::numeric, ${places})::float8`;
}
