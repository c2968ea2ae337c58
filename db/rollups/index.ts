export { LOCK_ROLLUPS_SQL, lockRollups } from './lockRollups.ts';
export { rebuildRollups } from './rebuildRollups.ts';
