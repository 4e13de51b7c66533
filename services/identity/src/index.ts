export { buildService, openDatabase, stopService, SERVICE, type IdentityService, type ServiceOverrides } from './service';
export { readConfig, type Config } from './config';
export { declaration, identityDataOwner } from './privacy';
