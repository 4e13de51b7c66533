export * from './contract';
export * from './identity';
export * from './tenant-data';
