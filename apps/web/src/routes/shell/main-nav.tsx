import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Membership } from '../../api/me';
import { TenantProvider, useTenant } from '../../permissions/tenant-context';
import { useRealmRole } from '../../permissions/use-can';
import { mayOpen, STAFF_NAV, TENANT_NAV, type StaffNavItem, type TenantNavItem } from './nav';

const itemClasses =
  'inline-flex min-h-11 items-center whitespace-nowrap border-b-2 border-transparent px-3 text-sm font-medium text-stone-700 hover:text-stone-950 data-[status=active]:border-brand-700 data-[status=active]:text-brand-800';

function TenantEntry({ item, tenantId, underGrant }: { item: TenantNavItem; tenantId: string; underGrant: boolean }) {
  const { t } = useTranslation();
  // A module at `none` is absent from the navigation, and so is an area of roles the person lacks.
  if (!mayOpen(useTenant(), item) || (underGrant && item.membersOnly)) return null;
  return (
    <li>
      <Link to={item.to} params={{ tenantId }} className={itemClasses}>{t(item.label)}</Link>
    </li>
  );
}

function StaffEntry({ item }: { item: StaffNavItem }) {
  const { t } = useTranslation();
  return (
    <li>
      <Link to={item.to} activeOptions={{ exact: item.exact ?? false }} className={itemClasses}>{t(item.label)}</Link>
    </li>
  );
}

/** The areas of the current institute this person may see, then HOMi staff areas for their roles. */
export function MainNav({ memberships, tenantId, underGrant = false }: { memberships: Membership[]; tenantId?: string; underGrant?: boolean }) {
  const { t } = useTranslation();
  const membership = memberships.find((m) => m.tenantId === tenantId);
  const roles = { support: useRealmRole('support'), operator: useRealmRole('operator') };
  const staff = STAFF_NAV.filter((item) => roles[item.role]);
  if (!membership && staff.length === 0) return null;
  return (
    <nav aria-label={t('nav.label')} className="mx-auto max-w-6xl overflow-x-auto px-1">
      <ul className="flex gap-1">
        {membership && (
          <TenantProvider membership={membership}>
            {TENANT_NAV.map((item) => <TenantEntry key={item.to} item={item} tenantId={membership.tenantId} underGrant={underGrant} />)}
          </TenantProvider>
        )}
        {staff.map((item) => <StaffEntry key={item.label} item={item} />)}
      </ul>
    </nav>
  );
}
