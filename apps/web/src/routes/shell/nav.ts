import { ROLES, type Module, type Role } from '@homi/contracts';
import type { Membership } from '../../api/me';
import { can, hasRole } from '../../permissions/use-can';
import type { ParseKeys } from 'i18next';

/**
 * The institute's areas in the navigation, in order. An entry shows when the person has at least
 * `view` on its module (useCan), or, for an area the API gives to roles, one of its `roles`; add
 * yours here when its pages exist — never an entry for an area that is not built yet.
 */
export type TenantNavItem = {
  /** A route under /t/$tenantId. */
  to: '/t/$tenantId/clients' | '/t/$tenantId/agenda' | '/t/$tenantId/treatments' | '/t/$tenantId/invoicing' | '/t/$tenantId/institute' | '/t/$tenantId/colleagues' | '/t/$tenantId/support-access' | '/t/$tenantId/audit-log' | '/t/$tenantId/usage' | '/t/$tenantId/export' | '/t/$tenantId/help';
  label: ParseKeys;
  /** The institute's own members only, never HOMi support under a grant (the helpdesk: support answers at its desk). */
  membersOnly?: true;
} & ({ module: Module; roles?: never } | { roles: readonly Role[]; module?: never });

export const TENANT_NAV: readonly TenantNavItem[] = [
  { module: 'clients', to: '/t/$tenantId/clients', label: 'nav.clients' },
  { module: 'agenda', to: '/t/$tenantId/agenda', label: 'agenda.nav.label' },
  { module: 'agenda', to: '/t/$tenantId/treatments', label: 'treatments.nav' },
  { module: 'invoicing', to: '/t/$tenantId/invoicing', label: 'invoicing.nav.label' },
  { module: 'settings', to: '/t/$tenantId/institute', label: 'admin.nav.institute' },
  { module: 'users', to: '/t/$tenantId/colleagues', label: 'admin.nav.colleagues' },
  { roles: ['owner', 'admin'], to: '/t/$tenantId/support-access', label: 'admin.nav.supportAccess' },
  { roles: ['owner', 'admin'], to: '/t/$tenantId/audit-log', label: 'admin.nav.auditLog' },
  { module: 'reports', to: '/t/$tenantId/usage', label: 'admin.nav.usage' },
  { roles: ['owner'], membersOnly: true, to: '/t/$tenantId/export', label: 'instituteExport.nav' },
  { roles: ROLES, membersOnly: true, to: '/t/$tenantId/help', label: 'help.nav.label' },
];

/** Whether a person with this membership sees the entry (and may open its area). */
export const mayOpen = (membership: Membership, item: TenantNavItem) =>
  item.module ? can(membership, item.module, 'view') : hasRole(membership, item.roles);

/** The areas of HOMi's own staff, shown to holders of the realm role (token `realm_access.roles`). */
export interface StaffNavItem {
  role: 'support' | 'operator';
  to: '/support' | '/support/tickets' | '/operator/privacy-statement' | '/operator/usage';
  label: ParseKeys;
  /** Active on this path only, not below it (the console, whose path the desk's begins with). */
  exact?: true;
}

export const STAFF_NAV: readonly StaffNavItem[] = [
  { role: 'support', to: '/support', label: 'support.nav.console', exact: true },
  { role: 'support', to: '/support/tickets', label: 'help.nav.desk' },
  { role: 'operator', to: '/operator/privacy-statement', label: 'operator.nav.statement' },
  { role: 'operator', to: '/operator/usage', label: 'operator.nav.usage' },
];
