export * from './contract';
export * from './identity';
export * from './tenant-data';
export * from './api';
export * from './privacy';
export * from './support';
export * from './billing';
export * from './usage';
