export { buildService, stopService, SERVICE, type PrivacyService } from './service';
export { readConfig, type Config } from './config';
export { verifyAuditChains, type AuditVerification } from './infrastructure/audit-trail';
export { privacyDeclaration } from './privacy';
