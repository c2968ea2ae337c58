// The synthetic data generator: deterministic YouTube-shaped data for scale work.
export { GenerateError } from './errors.ts';
export type { GenerateProgress, GenerateResult } from './generateDataset.ts';
export { GenerateShapeSchema, generateDataset, generateDefaults } from './generateDataset.ts';
export { createRandom, hashSeed } from './random.ts';
export type { GenerateShape, SyntheticChannel, SyntheticSnapshot, SyntheticVideo } from './syntheticData.ts';
export { channelAt, snapshotsOf, videoAt } from './syntheticData.ts';
export { writeTrendingCsv } from './writeTrendingCsv.ts';
