import { useTranslation } from 'react-i18next';
import { FormField, Select } from '../../ui';
import type { StaffColumn } from './staff-columns';
import { useColumnName } from './staff-day-grid';

/** How a column is named in the URL (`?staff=`): the colleague's user id, or `none` for appointments without one. */
export const staffKey = (staffId: string | null) => staffId ?? 'none';

export interface StaffFilterProps {
  columns: readonly StaffColumn[];
  value: string | undefined;
  onChange: (key: string | undefined) => void;
  /** The week's filter offers "everyone"; the phone's day shows one colleague at a time and does not. */
  everyone: boolean;
}

/** Whose appointments are shown: the phone's staff switcher, and the week view's filter. */
export function StaffFilter({ columns, value, onChange, everyone }: StaffFilterProps) {
  const { t } = useTranslation();
  const nameOf = useColumnName();
  return (
    <FormField label={everyone ? t('agenda.staff.filter') : t('agenda.staff.switcher')} className="mb-4 max-w-xs">
      <Select value={value ?? (everyone ? '' : staffKey(columns[0]?.staffId ?? null))} onChange={(event) => onChange(event.target.value || undefined)}>
        {everyone && <option value="">{t('agenda.staff.everyone')}</option>}
        {columns.map((column) => (
          <option key={staffKey(column.staffId)} value={staffKey(column.staffId)}>
            {everyone ? nameOf(column) : t('agenda.staff.option', { name: nameOf(column), count: column.appointments.length })}
          </option>
        ))}
      </Select>
    </FormField>
  );
}
