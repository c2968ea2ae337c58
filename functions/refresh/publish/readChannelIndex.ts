import { channelIndexReport } from '../../../db/reports/contract/index.ts';
import {
  type ChannelIndexRow,
  queryChannelChanges,
  queryChannelIndex,
  queryChannelIndexEntries,
  recordIndexSnapshot,
} from '../../../db/reports/index.ts';
import type { SqlClient } from '../../../db/sql/SqlClient.ts';
import type { ObjectStore } from '../objectStore/ObjectStore.ts';
import type { RefreshKind } from '../refreshRuns.ts';
import { type PublishedState, readJsonObject } from './readPublishedState.ts';

/** The index rows, and how they were read (for the log). */
export interface ChannelIndexRead {
  readonly rows: ChannelIndexRow[];
  /** Channels whose entries were read from the database: all of them unless carried. */
  readonly read: number;
  readonly carried: number;
}

// Past this share of channels changed, the whole index's one pass over every video is read
// instead of the changed channels' entries. The two meet at about a third of the channels at
// 10,000 channels / 1 M videos (bench/changedShare.bench.ts; figures in docs/refresh.md,
// "Incremental runs"); a quarter errs towards the pass, which needs no previous state.
export const MAX_CHANGED_SHARE = 1 / 4;

/**
 * Every channel's index row, in channel_id order. An incremental run reads only the entries of
 * channels written since the previous publication's run read its index (migration 12) and
 * carries every other entry from the published channelIndex.json and its fingerprint from the
 * catalog; anything it cannot vouch for (no previous snapshot in this database, a TRUNCATE, a
 * share of channels changed past MAX_CHANGED_SHARE, an entry missing from the previous
 * publication) reads the whole index. Either way the run's own snapshot is recorded first, for the next run.
 */
export async function readChannelIndex(
  sql: SqlClient,
  o: { kind: RefreshKind; generation: string; previous: PublishedState; store: ObjectStore },
): Promise<ChannelIndexRead> {
  await recordIndexSnapshot(sql, o.generation);
  if (o.kind === 'incremental') {
    const changed = await readChangedEntries(sql, o.previous, o.store);
    if (changed) return changed;
  }
  const rows = await queryChannelIndex(sql);
  return { rows, read: rows.length, carried: 0 };
}

async function readChangedEntries(
  sql: SqlClient,
  previous: PublishedState,
  store: ObjectStore,
): Promise<ChannelIndexRead | null> {
  const generation = previous.manifest?.generation;
  const published = previous.entries.get('report:channelIndex');
  if (!generation || !published) return null;
  const changes = await queryChannelChanges(sql, generation);
  if (!changes || changes.changed.size >= changes.channelIds.length * MAX_CHANGED_SHARE) return null;
  const before = await readPublishedEntries(store, published.key);
  if (!before) return null;
  const carry = new Map<string, ChannelIndexRow>();
  for (const id of changes.channelIds) {
    if (changes.changed.has(id)) continue;
    const entry = before.get(id);
    const fingerprint = previous.entries.get(`channel:${id}`)?.fingerprint;
    if (!entry || !fingerprint) return null;
    carry.set(id, { entry, fingerprint });
  }
  const fresh = new Map(
    (await queryChannelIndexEntries(sql, [...changes.changed])).map((r) => [r.entry.channelId, r]),
  );
  // A changed channel deleted since the list was read has no entry: it is gone.
  const rows = changes.channelIds.flatMap((id) => carry.get(id) ?? fresh.get(id) ?? []);
  return { rows, read: fresh.size, carried: carry.size };
}

/** The published index's entries by channel id; null when unreadable (then the whole index is read). */
async function readPublishedEntries(store: ObjectStore, key: string) {
  try {
    const report = channelIndexReport.parse(await readJsonObject(store, key));
    return new Map(report.channels.map((e) => [e.channelId, e]));
  } catch {
    return null;
  }
}
