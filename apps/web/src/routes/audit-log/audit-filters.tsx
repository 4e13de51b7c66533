import { supportApi } from '@homi/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Checkbox, FormField, Select } from '../../ui';
import type { Names } from './names';

export interface AuditFilterValues {
  actor?: string;
  action?: string;
  supportOnly: boolean;
}

export const NO_FILTERS: AuditFilterValues = { supportOnly: false };

type Category = 'member' | 'support-access' | 'support' | 'tenant';
const CATEGORIES = supportApi.AUDIT_ACTION_CATEGORIES as Category[];

/** Who, what (one action or a category) and support only: each applied by the API as it changes. */
export function AuditFilters({ value, onChange, names }: { value: AuditFilterValues; onChange: (next: AuditFilterValues) => void; names: Names }) {
  const { t } = useTranslation();
  const headingId = useId();
  const filtered = value.actor !== undefined || value.action !== undefined || value.supportOnly;
  return (
    <section aria-labelledby={headingId} className="mb-4 flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-4">
      <h2 id={headingId} className="text-sm font-semibold">{t('admin.auditLog.filters')}</h2>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_auto] lg:items-end">
        <FormField label={t('admin.auditLog.who')}>
          <Select value={value.actor ?? ''} onChange={(event) => onChange({ ...value, actor: event.target.value || undefined })}>
            <option value="">{t('admin.auditLog.everyone')}</option>
            {names.members.length > 0 && (
              <optgroup label={t('admin.nav.colleagues')}>
                {names.members.map((m) => <option key={m.userId} value={m.userId}>{m.name}</option>)}
              </optgroup>
            )}
            {names.supportUsers.length > 0 && (
              <optgroup label={t('admin.auditLog.actor.support')}>
                {names.supportUsers.map((s) => (
                  <option key={s.userId} value={s.userId}>{t('admin.auditLog.actor.supportTicket', { tickets: s.tickets.join(', ') })}</option>
                ))}
              </optgroup>
            )}
          </Select>
        </FormField>
        <FormField label={t('admin.auditLog.what')}>
          <Select value={value.action ?? ''} onChange={(event) => onChange({ ...value, action: event.target.value || undefined })}>
            <option value="">{t('admin.auditLog.everything')}</option>
            {CATEGORIES.map((category) => (
              <optgroup key={category} label={t(`admin.auditLog.categories.${category}`)}>
                <option value={category}>{t('admin.auditLog.allOf', { category: t(`admin.auditLog.categories.${category}`) })}</option>
                {supportApi.auditActionsMatching(category).map((action) => (
                  <option key={action} value={action}>{t(`admin.auditLog.actions.${action}`)}</option>
                ))}
              </optgroup>
            ))}
          </Select>
        </FormField>
        <div className="flex min-h-11 items-center">
          <Checkbox label={t('admin.auditLog.supportOnly')} checked={value.supportOnly} onChange={(event) => onChange({ ...value, supportOnly: event.target.checked })} />
        </div>
      </div>
      {filtered && (
        <div>
          <Button size="sm" variant="ghost" onClick={() => onChange(NO_FILTERS)}>{t('admin.auditLog.resetFilters')}</Button>
        </div>
      )}
    </section>
  );
}
