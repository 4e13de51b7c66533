export * as common from './common';
export * as identityApi from './identity';
export * as privacyApi from './privacy';
export * as tenantDataApi from './tenant-data';
export * as supportApi from './support';
