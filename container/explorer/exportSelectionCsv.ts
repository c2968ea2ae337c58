import type { SqlParam } from '../../db/sql/SqlClient.ts';
import type { ViewState } from '../shared/viewState.ts';
import { csvLine } from './csv.ts';
import { ExportTooLargeError } from './errors.ts';
import type { LiveDatabase } from './liveDatabase.ts';
import { orderBySql, SELECTION_COLUMNS, SELECTION_FROM, type SelectionRow } from './queries/tableQuery.ts';
import { videoFilterSql } from './queries/videoFilter.ts';

export const CSV_HEADER = [
  'video_id',
  'title',
  'channel_id',
  'channel_title',
  'published_at',
  'duration_seconds',
  'category',
  'views',
  'likes',
  'comments',
] as const;

/** Rows fetched per round trip: ~150 KB of CSV, small enough to keep memory flat. */
const FETCH_ROWS = 1000;

/**
 * Streams exactly the session's selection (filters and brush, in the table's order) as CSV.
 * A server-side cursor in one read-only transaction keeps memory flat however large the selection;
 * `write` resolves when the client has taken the chunk (back-pressure) and rejects when it has gone,
 * which rolls the transaction back and releases the connection. A selection of more than `maxRows`
 * videos is refused with ExportTooLargeError before anything is written. Returns the row count.
 */
export async function exportSelectionCsv(
  live: LiveDatabase,
  state: ViewState,
  maxRows: number,
  write: (chunk: string) => Promise<void>,
  signal?: AbortSignal,
): Promise<number> {
  const params: SqlParam[] = [];
  const where = videoFilterSql(state, state.brush, params);
  return live.readOnly(
    async (db) => {
      // Counting stops one past the cap, on the same indexes as the export itself.
      const { rows: capped } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (SELECT 1 FROM videos v ${where} LIMIT ${Math.floor(maxRows) + 1}) s`,
        params,
      );
      if (capped[0]!.n > maxRows) throw new ExportTooLargeError(maxRows);
      await db.query(
        `DECLARE selection_export NO SCROLL CURSOR FOR
       SELECT ${SELECTION_COLUMNS} ${SELECTION_FROM} ${where} ORDER BY ${orderBySql(state.sort)}`,
        params,
      );
      // A byte order mark first: without it Excel reads UTF-8 as the system's code page and shows
      // Japanese titles as mojibake (LibreOffice, Numbers and csv parsers skip it).
      await write(`\uFEFF${csvLine(CSV_HEADER)}`);
      let count = 0;
      for (;;) {
        const { rows } = await db.query<SelectionRow>(`FETCH ${FETCH_ROWS} FROM selection_export`);
        if (!rows.length) break;
        await write(rows.map((r) => csvLine(CSV_HEADER.map((column) => r[column]))).join(''));
        count += rows.length;
        if (rows.length < FETCH_ROWS) break;
      }
      return count;
    },
    signal,
    { snapshot: true },
  );
}
