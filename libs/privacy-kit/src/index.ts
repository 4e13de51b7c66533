export * from './data-owner';
export * from './export-upload';
export * from './start-data-owner';
