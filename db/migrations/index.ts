import { migration as init } from './0001_init.ts';
import { migration as ingest } from './0003_ingest.ts';
import { migration as explorer } from './0005_explorer.ts';
import { migration as search } from './0006_search.ts';
import { migration as roles } from './0007_roles.ts';
import { migration as growth } from './0009_growth.ts';
import { migration as rollups } from './0010_rollups.ts';
import { migration as rollupFillfactor } from './0011_rollup_fillfactor.ts';
import { migration as channelChanges } from './0012_channel_changes.ts';
import { migration as rollupBulkRebuild } from './0013_rollup_bulk_rebuild.ts';
import type { Migration } from './Migration.ts';

export type { Migration } from './Migration.ts';

/** Every migration in order. Add new ones at the end; never edit one that has shipped. */
export const migrations: readonly Migration[] = [
  init,
  ingest,
  explorer,
  search,
  roles,
  growth,
  rollups,
  rollupFillfactor,
  channelChanges,
  rollupBulkRebuild,
];
