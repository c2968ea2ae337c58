import type { ViewParts } from '../shared/protocol.ts';
import type { ViewState } from '../shared/viewState.ts';
import type { LiveDatabase, LiveExecutor } from './liveDatabase.ts';
import { channelTitlesQuery } from './queries/channelSearchQuery.ts';
import { compareQuery } from './queries/compareQuery.ts';
import { growthQuery } from './queries/growthQuery.ts';
import { countQuery, scatterQuery, unknownDurationCount } from './queries/scatterQuery.ts';
import { tableQuery } from './queries/tableQuery.ts';
import { videoDetailQuery } from './queries/videoDetailQuery.ts';

export type PartName = keyof ViewParts;
/** For each part, the inputs it was last computed from (as a JSON key) on this connection. */
export type PartKeys = Partial<Record<PartName | 'titles', string>>;

/** The inputs each part depends on: a part is recomputed only when its inputs change. */
export function partKeys(state: ViewState): Required<PartKeys> {
  // The time zone changes the selection only through the day filters.
  const f = state.filters;
  const zone = f.from || f.to ? (state.timeZone ?? 'UTC') : null;
  const selection = JSON.stringify([state.channels, state.filters, zone]);
  return {
    titles: JSON.stringify(state.channels),
    compare: selection,
    scatter: selection,
    table: JSON.stringify([state.channels, state.filters, zone, state.brush, state.sort, state.page]),
    video: JSON.stringify(state.video),
    growth: JSON.stringify(state.channels),
  };
}

export interface ComputedView {
  readonly parts: ViewParts;
  readonly channelTitles: Record<string, string> | undefined;
  readonly keys: Required<PartKeys>;
  readonly timings: { queries: Record<string, number>; totalMs: number };
  /** How far behind the primary the answering server is (null on a primary, or nothing read). */
  readonly lagSeconds: number | null;
}

async function timed<T>(timings: Record<string, number>, name: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await run();
  } finally {
    timings[name] = Math.round((performance.now() - started) * 10) / 10;
  }
}

/**
 * Computes the parts of the view whose inputs differ from `sent`, read-only on one connection,
 * cancellable through `signal`.
 */
export async function computeView(
  live: LiveDatabase,
  state: ViewState,
  sent: PartKeys,
  signal?: AbortSignal,
): Promise<ComputedView> {
  const started = performance.now();
  const keys = partKeys(state);
  const stale = (name: keyof PartKeys) => sent[name] !== keys[name];
  const queries: Record<string, number> = {};
  const parts: ViewParts = {};
  let channelTitles: Record<string, string> | undefined;
  const names = Object.keys(keys) as (keyof PartKeys)[];
  if (!names.some(stale))
    return { parts, channelTitles, keys, timings: { queries, totalMs: 0 }, lagSeconds: null };
  let lagSeconds: number | null = null;
  await live.readOnly(async (db: LiveExecutor) => {
    if (stale('titles'))
      channelTitles = await timed(queries, 'titles', () => channelTitlesQuery(db, state.channels));
    if (stale('compare')) parts.compare = await timed(queries, 'compare', () => compareQuery(db, state));
    // One count serves both the scatter and the table when nothing is brushed.
    let selected: number | undefined;
    if (stale('scatter')) {
      selected = await timed(queries, 'count', () => countQuery(db, state, null));
      const total = selected;
      parts.scatter = await timed(queries, 'scatter', () => scatterQuery(db, state, total));
      const f = state.filters;
      if (total === 0 && (f.minDuration !== null || f.maxDuration !== null)) {
        const unknown = await timed(queries, 'unknown length', () => unknownDurationCount(db, state));
        parts.scatter = { ...parts.scatter, unknownDuration: unknown };
      }
    }
    if (stale('table')) {
      const total =
        state.brush === null && selected !== undefined
          ? selected
          : await timed(queries, 'brushed count', () => countQuery(db, state, state.brush));
      parts.table = await timed(queries, 'table', () => tableQuery(db, state, total));
    }
    if (stale('video')) {
      const video = state.video;
      parts.video = video ? await timed(queries, 'video', () => videoDetailQuery(db, video)) : null;
    }
    if (stale('growth')) parts.growth = await timed(queries, 'growth', () => growthQuery(db, state.channels));
    lagSeconds = await db.replicaLagSeconds();
  }, signal);
  return {
    parts,
    channelTitles,
    keys,
    timings: { queries, totalMs: Math.round((performance.now() - started) * 10) / 10 },
    lagSeconds,
  };
}
