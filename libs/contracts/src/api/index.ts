export * as common from './common';
export * as identityApi from './identity';
export * as privacyApi from './privacy';
export * as tenantDataApi from './tenant-data';
export * as billingApi from './billing';
export * as supportApi from './support';
export * as usageApi from './usage';
export * as helpdeskApi from './helpdesk';
