import { useTranslation } from 'react-i18next';
import { SegmentedControl } from '../../ui';
import type { StatusChoice } from './labels';

/** Ongoing · closed · all, for a list of tickets. */
export function StatusFilter({ value, onChange }: { value: StatusChoice; onChange: (value: StatusChoice) => void }) {
  const { t } = useTranslation();
  return (
    <SegmentedControl
      label={t('help.statusFilter.label')} value={value} onChange={onChange} className="w-fit"
      options={[
        { value: 'active', label: t('help.statusFilter.active') },
        { value: 'closed', label: t('help.statusFilter.closed') },
        { value: 'all', label: t('help.statusFilter.all') },
      ]}
    />
  );
}
