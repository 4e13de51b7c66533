export * as common from './common';
export * as tenantDataApi from './tenant-data';
