export { buildService, stopService, SERVICE, type HelpdeskService } from './service';
export { readConfig, type Config } from './config';
