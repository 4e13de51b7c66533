import type { ApiRoute } from './api-route';
import { BILLING_ROUTES } from './billing-routes';
import { HELPDESK_ROUTES } from './helpdesk-routes';
import { IDENTITY_ROUTES } from './identity-routes';
import { PRIVACY_ROUTES } from './privacy-routes';
import { SUPPORT_ROUTES } from './support-routes';
import { TENANT_DATA_ROUTES } from './tenant-data-routes';
import { USAGE_ROUTES } from './usage-routes';

/** Every route the gateway authorises and forwards, service by service. */
export const API_ROUTES: readonly ApiRoute[] = [
  ...TENANT_DATA_ROUTES, ...IDENTITY_ROUTES, ...PRIVACY_ROUTES, ...BILLING_ROUTES, ...SUPPORT_ROUTES, ...USAGE_ROUTES,
  ...HELPDESK_ROUTES,
];
