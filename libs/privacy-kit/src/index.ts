export * from './data-owner';
export * from './export-upload';
export * from './start-data-owner';
export * from './retention-period';
export * from './retention-migration';
export * from './start-retention';
export * from './start-housekeeping';
export * from './start-service';
