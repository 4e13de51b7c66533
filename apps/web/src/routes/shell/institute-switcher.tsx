import { useNavigate, useParams } from '@tanstack/react-router';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Membership } from '../../api/me';

/** The institute being worked in; a choice when the person belongs to several. */
export function InstituteSwitcher({ memberships }: { memberships: Membership[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = useId();
  const { tenantId } = useParams({ strict: false });
  const current = memberships.find((m) => m.tenantId === tenantId);
  if (memberships.length === 0) return null;
  if (memberships.length === 1) {
    return <span className="truncate text-sm font-medium text-stone-700">{memberships[0]!.instituteName}</span>;
  }
  return (
    <div className="flex min-w-0 items-center gap-2">
      <label htmlFor={id} className="sr-only">{t('shell.institute')}</label>
      <select
        id={id}
        value={current?.tenantId ?? ''}
        onChange={(event) => void navigate({ to: '/t/$tenantId', params: { tenantId: event.target.value } })}
        className="min-h-9 max-w-48 truncate rounded-lg border border-stone-300 bg-white px-2 py-1 text-sm font-medium text-stone-900 sm:max-w-64"
      >
        {!current && <option value="">{t('shell.chooseInstitute')}</option>}
        {memberships.map((m) => (
          <option key={m.tenantId} value={m.tenantId}>{m.instituteName}</option>
        ))}
      </select>
    </div>
  );
}
