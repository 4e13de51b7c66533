export * as common from './common';
export * as identityApi from './identity';
export * as tenantDataApi from './tenant-data';
