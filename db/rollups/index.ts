export { rebuildRollups } from './rebuildRollups.ts';
