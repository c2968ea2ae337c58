export * from './directoryObjectStore.ts';
export * from './ObjectStore.ts';
export * from './s3ObjectStore.ts';
