import { useTranslation } from 'react-i18next';
import { EmptyState, PageHeader } from '../../ui';

/** An area the API gives to roles the person lacks (reached by its address, not the navigation). */
export function NotForYourRole({ title }: { title: string }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={title} />
      <EmptyState title={t('problems.types.role-required.title')}>{t('problems.types.role-required.action')}</EmptyState>
    </>
  );
}
