import * as z from 'zod/mini';

/**
 * Building blocks shared by every report schema. Written with `zod/mini` so the site, which
 * validates each report it fetches, ships only the checks it uses (a few KB, not zod's 50+ KB).
 */

/** A count or a sum of counts: a JSON number (every total fits in 2^53). */
export const count = z.int().check(z.nonnegative());

/** A day: `YYYY-MM-DD` (UTC). */
export const day = z.iso.date();

/** A month: `YYYY-MM` (UTC). */
export const month = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/));

/** A moment: ISO 8601 in UTC, e.g. `2017-11-14T17:00:03.000Z`. */
export const instant = z.iso.datetime();

/** A ratio or rate that may be fractional (never negative). */
export const rate = z.number().check(z.nonnegative());

/**
 * The newest snapshot day the report was computed from (`YYYY-MM-DD`), or null when the database
 * holds no snapshots yet. Every report carries it so a page can say how fresh its numbers are.
 */
export const dataAsOf = z.nullable(day);

/** An object key in the report bucket, e.g. `data/g/20261127T034000Z-1a2b3c/overview.json`. */
export const objectKey = z.string().check(z.minLength(1), z.regex(/^[A-Za-z0-9._~\-/]+$/));
