export { buildService, stopService, SERVICE, type TenantDataService } from './service';
export { readConfig, type Config } from './config';
