// The floor of a refresh: the time PostgreSQL needs to compute the same report contents as a full
// refresh, with one set-based statement per report (or per channel-report part) over all channels,
// without publishing. Run on pg directly with a warm cache; the floor is the sum of the statements'
// wall times, each measured until its last row has reached the client (so producing, serialising
// and sending the values is included, as it is for the refresh).
import pg from 'pg';
import { channelFloorStatements } from './refreshFloorChannels.ts';
import { type FloorStatement, globalFloorStatements } from './refreshFloorGlobal.ts';

export const floorStatements: readonly FloorStatement[] = [
  ...globalFloorStatements,
  ...channelFloorStatements,
];

export interface FloorTiming {
  readonly statement: string;
  readonly covers: string;
  readonly wallS: number;
  readonly rows: number;
  readonly mb: number;
}

export interface FloorRun {
  readonly wallS: number;
  readonly timings: FloorTiming[];
  /** Global reports by name, parsed. */
  readonly global: Map<string, unknown>;
  /** Per-channel parts by statement name, then channel id, for the channels asked to be kept. */
  readonly channels: Map<string, Map<string, unknown>>;
  /** The channelIndex statement's entries, in order. */
  readonly index: unknown[];
}

/**
 * Runs every floor statement once on `url` and returns its timings; the values of the global
 * reports, the channel index and the parts of the channels in `keep` are kept for the check.
 */
export async function runFloor(url: string, keep: ReadonlySet<string>, log = console.log): Promise<FloorRun> {
  // Values arrive as text (no JSON parsing in the timed part); the check parses what it keeps.
  const client = new pg.Client({
    connectionString: url,
    options: '-c TimeZone=UTC',
    types: { getTypeParser: () => (v: string) => v },
  });
  await client.connect();
  try {
    const timings: FloorTiming[] = [];
    const global = new Map<string, unknown>();
    const channels = new Map<string, Map<string, unknown>>();
    let index: unknown[] = [];
    for (const s of floorStatements) {
      const started = performance.now();
      const { rows } = await client.query<Record<string, string>>(s.sql);
      const wallS = (performance.now() - started) / 1000;
      let bytes = 0;
      for (const r of rows) for (const v of Object.values(r)) bytes += v === null ? 0 : Buffer.byteLength(v);
      timings.push({
        statement: s.name,
        covers: s.covers,
        wallS: round(wallS),
        rows: rows.length,
        mb: round(bytes / 2 ** 20),
      });
      log(
        `  floor ${s.name}: ${wallS.toFixed(2)} s, ${rows.length} rows, ${(bytes / 2 ** 20).toFixed(1)} MB`,
      );
      if (rows[0] && 'report' in rows[0]) global.set(s.name, JSON.parse(rows[0].report!));
      else if (s.name === 'channelIndex') index = rows.map((r) => JSON.parse(r.part!));
      else {
        const kept = new Map<string, unknown>();
        for (const r of rows) if (keep.has(r.channel_id!)) kept.set(r.channel_id!, JSON.parse(r.part!));
        channels.set(s.name, kept);
      }
    }
    const wallS = round(timings.reduce((sum, t) => sum + t.wallS, 0));
    return { wallS, timings, global, channels, index };
  } finally {
    await client.end();
  }
}

function round(x: number): number {
  return +x.toFixed(2);
}
