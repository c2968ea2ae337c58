import type { BulkSession } from './bulkSession.ts';
import { STAGING_TABLE as S } from './stagingTable.ts';

/**
 * Whether a chunk's video snapshots may already be in video_daily_stats, decided without asking
 * the table row by row where the answer is known.
 *
 * A chunk's snapshots go in by a plain INSERT when none of their (video, day) pairs is there yet,
 * else by an upsert; the probe that tells (one primary-key lookup per video of the chunk) cost
 * 1.2-1.6 s of a 1,000,000-row load. Its answer is known beforehand in the two common cases, a
 * first load and days appended after the newest one loaded:
 * - rows that were in the table when the load started all have a day up to its newest day then
 *   (read once, under rollups_lock(), which every writer of snapshots takes, so none is added
 *   meanwhile by another process), so a chunk whose first day is later cannot meet them;
 * - rows this load wrote in earlier chunks: none shares a (video, day) with this chunk as long
 *   as every video's days have strictly increased in file order so far (StagedSummaryCounter,
 *   which has seen this chunk and every one before it).
 * Otherwise the probe decides, as before. A wrong "cannot" would not lose anything: the plain
 * INSERT would fail on the primary key and roll the file back.
 */
export interface SnapshotOverlap {
  /** False when the staged chunk's snapshots cannot already be in the table. */
  mayOverlap(session: BulkSession): Promise<boolean>;
}

const NEWEST_DAY = /* sql */ `SELECT max(day)::text AS day FROM video_daily_stats`;
const CHUNK_FIRST_DAY = /* sql */ `SELECT min(day)::text AS day FROM ${S}`;
const CHUNK_OVERLAPS = /* sql */ `
SELECT EXISTS (
  SELECT 1 FROM (SELECT video_id, min(day) AS lo, max(day) AS hi FROM ${S} GROUP BY video_id) r
  WHERE EXISTS (SELECT 1 FROM video_daily_stats d WHERE d.video_id = r.video_id AND d.day BETWEEN r.lo AND r.hi)
) AS overlaps`;

/**
 * True when a chunk starting on `chunkFirstDay` cannot meet a snapshot already in the table:
 * nothing in it was on or after that day when the load started (`newestDayBefore`, null for an
 * empty table), and no (video, day) has repeated in the file so far. Days are 'YYYY-MM-DD'.
 */
export function chunkIsNew(
  newestDayBefore: string | null,
  chunkFirstDay: string | null,
  repeatedSoFar: boolean,
): boolean {
  if (repeatedSoFar || chunkFirstDay === null) return false;
  return newestDayBefore === null || chunkFirstDay > newestDayBefore;
}

/**
 * Reads the table's newest day; call inside the load's transaction after rollups_lock().
 * `repeatedSoFar` is true once some video's days did not strictly increase in the records read
 * (or they could not all be followed).
 */
export async function planSnapshotOverlap(
  session: BulkSession,
  repeatedSoFar: () => boolean,
): Promise<SnapshotOverlap> {
  const [newest] = await session.query(NEWEST_DAY);
  const newestDayBefore = (newest?.day as string | null) ?? null;
  return {
    async mayOverlap(s) {
      if (!repeatedSoFar()) {
        const [first] = await s.query(CHUNK_FIRST_DAY);
        if (chunkIsNew(newestDayBefore, (first?.day as string | null) ?? null, false)) return false;
      }
      const [probe] = await s.query(CHUNK_OVERLAPS);
      return probe?.overlaps === true;
    },
  };
}
