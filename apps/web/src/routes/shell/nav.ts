import type { Module } from '@homi/contracts';
import type { ParseKeys } from 'i18next';

/**
 * The institute's areas in the navigation, in order. An entry shows when the person has at least
 * `view` on its module (useCan); add yours here when its pages exist — never an entry for an area
 * that is not built yet.
 */
export interface TenantNavItem {
  module: Module;
  /** A route under /t/$tenantId. */
  to: '/t/$tenantId/clients' | '/t/$tenantId/agenda';
  label: ParseKeys;
}

export const TENANT_NAV: readonly TenantNavItem[] = [
  { module: 'clients', to: '/t/$tenantId/clients', label: 'nav.clients' },
  { module: 'agenda', to: '/t/$tenantId/agenda', label: 'agenda.nav.label' },
];

/**
 * The areas of HOMi's own staff, shown to holders of the realm role (token `realm_access.roles`).
 * Empty until the support console and the operator pages are built: add `{ role, to, label }` then.
 */
export interface StaffNavItem {
  role: 'support' | 'operator';
  to: never;
  label: ParseKeys;
}

export const STAFF_NAV: readonly StaffNavItem[] = [];
